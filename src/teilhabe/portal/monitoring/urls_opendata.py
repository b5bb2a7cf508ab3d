"""Portal URLs of the monitoring (opendata)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
