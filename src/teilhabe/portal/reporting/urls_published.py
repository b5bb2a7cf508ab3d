"""Public URLs of reporting: the published slice (see urls.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
