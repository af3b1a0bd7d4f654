from django.apps import AppConfig


class Config(AppConfig):
    name = "kongthun.welfare.disasters"
    label = "disasters"
    default_auto_field = "django.db.models.BigAutoField"
