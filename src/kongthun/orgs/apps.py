from django.apps import AppConfig


class Config(AppConfig):
    name = "kongthun.orgs"
    label = "orgs"
    default_auto_field = "django.db.models.BigAutoField"
