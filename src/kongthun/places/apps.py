from django.apps import AppConfig


class Config(AppConfig):
    name = "kongthun.places"
    label = "places"
    default_auto_field = "django.db.models.BigAutoField"
