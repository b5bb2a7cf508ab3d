"""Back office URLs of reporting rounds: the rounds slice (see urls.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
