"""Backoffice URLs of participation: subscriptions."""

from django.urls import URLPattern, URLResolver, path

from teilhabe.backoffice.participation import subscriptions

urlpatterns: list[URLPattern | URLResolver] = [
    path("beteiligung/abonnements/", subscriptions.overview, name="participation_subscriptions_overview"),
    path("beteiligung/abonnements/loeschen/", subscriptions.remove, name="participation_subscriptions_remove"),
    path("beteiligung/abonnements/meine/", subscriptions.mine, name="participation_subscriptions_mine"),
]
