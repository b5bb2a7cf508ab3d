"""Back office URLs of the monitoring (documents)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
