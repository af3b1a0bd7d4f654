"""Contribution pages (views in views/contributions.py), included in urls.py in the web namespace."""

urlpatterns: list = []
