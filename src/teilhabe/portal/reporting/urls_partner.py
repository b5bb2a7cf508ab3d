"""Public URLs of reporting: the partner slice (see urls.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
