from django.apps import AppConfig


class Config(AppConfig):
    name = "kongthun.savings.loans"
    label = "loans"
    default_auto_field = "django.db.models.BigAutoField"
