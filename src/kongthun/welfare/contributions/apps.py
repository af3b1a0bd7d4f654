from django.apps import AppConfig


class Config(AppConfig):
    name = "kongthun.welfare.contributions"
    label = "contributions"
    default_auto_field = "django.db.models.BigAutoField"
