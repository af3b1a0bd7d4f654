from django.apps import AppConfig


class Config(AppConfig):
    name = "kongthun.welfare.funding"
    label = "funding"
    default_auto_field = "django.db.models.BigAutoField"
