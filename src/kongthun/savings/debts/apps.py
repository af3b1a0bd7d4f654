from django.apps import AppConfig


class Config(AppConfig):
    name = "kongthun.savings.debts"
    label = "savings_debts"
    default_auto_field = "django.db.models.BigAutoField"
