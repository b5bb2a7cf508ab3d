"""Portal URLs of participation: the overview, bodies and meetings (under /<kommune>/beteiligung/)."""

from django.urls import URLPattern, URLResolver, path

from teilhabe.portal.participation import bodies as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("beteiligung/", views.overview, name="participation_bodies_overview"),
    path("beteiligung/gremien/<int:pk>/", views.body_page, name="participation_bodies_body"),
    path("beteiligung/sitzungen/", views.meeting_list, name="participation_bodies_meetings"),
    path("beteiligung/sitzungen/<int:pk>/", views.meeting_page, name="participation_bodies_meeting"),
]
