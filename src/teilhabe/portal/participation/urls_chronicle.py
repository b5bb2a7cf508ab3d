"""Portal URLs of participation: chronicle (under /<kommune>/chronik/)."""

from django.urls import URLPattern, URLResolver, path

from teilhabe.portal.participation import chronicle

urlpatterns: list[URLPattern | URLResolver] = [
    path("chronik/", chronicle.chronicle, name="participation_chronicle"),
    path("chronik/feed.atom", chronicle.chronicle_feed, name="participation_chronicle_feed"),
]
