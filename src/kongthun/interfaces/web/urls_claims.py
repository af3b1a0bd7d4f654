"""Claims pages (views in views/claims.py), included in urls.py in the web namespace."""

urlpatterns: list = []
