"""Back office URLs of the monitoring (imports)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
