"""Back office URLs of the monitoring (indicators)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
