"""Back office URLs of the monitoring (progress)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
