"""Back office URLs of reporting rounds: the answers slice (see urls.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
