from django.apps import AppConfig


class Config(AppConfig):
    name = "kongthun.savings.accounts"
    label = "savings_accounts"
    default_auto_field = "django.db.models.BigAutoField"
