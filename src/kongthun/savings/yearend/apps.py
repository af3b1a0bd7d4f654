from django.apps import AppConfig


class Config(AppConfig):
    name = "kongthun.savings.yearend"
    label = "savings_yearend"
    default_auto_field = "django.db.models.BigAutoField"
