from django.apps import AppConfig


class Config(AppConfig):
    name = "kongthun.interfaces.web"
    label = "web"
