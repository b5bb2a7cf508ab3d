"""Backoffice URLs of participation: invitations, registrations and meeting documents."""

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
