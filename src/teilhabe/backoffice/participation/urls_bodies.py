"""Backoffice URLs of participation: bodies and meetings (under /<kommune>/intern/beteiligung/). Routes with an
id are named after the object the id names (body_, bodymember_, meeting_, meetingsession_, decision_) for the
access matrix; the others start with participation_bodies_."""

from django.urls import URLPattern, URLResolver, path

from teilhabe.backoffice.participation import bodies as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("beteiligung/", views.body_list, name="participation_bodies_list"),
    path("beteiligung/gremien/neu/", views.body_create, name="participation_bodies_create"),
    path("beteiligung/gremien/<int:pk>/", views.body_detail, name="body_detail"),
    path("beteiligung/gremien/<int:pk>/bearbeiten/", views.body_edit, name="body_edit"),
    path("beteiligung/gremien/<int:pk>/loeschen/", views.body_delete, name="body_delete"),
    path("beteiligung/gremien/<int:pk>/mitglied/", views.body_member_add, name="body_member_add"),
    path("beteiligung/mitglieder/<int:pk>/", views.bodymember_edit, name="bodymember_edit"),
    path("beteiligung/mitglieder/<int:pk>/loeschen/", views.bodymember_delete, name="bodymember_delete"),
    path("beteiligung/sitzungen/", views.meeting_list, name="participation_bodies_meetings"),
    path("beteiligung/sitzungen/neu/", views.meeting_create, name="participation_bodies_meeting_create"),
    path("beteiligung/sitzungen/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("beteiligung/sitzungen/<int:pk>/bearbeiten/", views.meeting_edit, name="meeting_edit"),
    path("beteiligung/sitzungen/<int:pk>/loeschen/", views.meeting_delete, name="meeting_delete"),
    path("beteiligung/sitzungen/<int:pk>/absagen/", views.meeting_cancel, name="meeting_cancel"),
    path("beteiligung/sitzungen/<int:pk>/stattgefunden/", views.meeting_held, name="meeting_held"),
    path("beteiligung/sitzungen/<int:pk>/veroeffentlichen/", views.meeting_publish, name="meeting_publish"),
    path("beteiligung/sitzungen/<int:pk>/teilsitzungen/", views.meeting_sessions, name="meeting_sessions"),
    path("beteiligung/sitzungen/<int:pk>/teilnahme/", views.meeting_attendance, name="meeting_attendance"),
    path("beteiligung/sitzungen/<int:pk>/protokoll/", views.meeting_minutes, name="meeting_minutes"),
    path("beteiligung/sitzungen/<int:pk>/beschluss/", views.meeting_decision_add, name="meeting_decision_add"),
    path("beteiligung/teilsitzungen/<int:pk>/", views.meetingsession_edit, name="meetingsession_edit"),
    path("beteiligung/teilsitzungen/<int:pk>/loeschen/", views.meetingsession_delete,
         name="meetingsession_delete"),
    path("beteiligung/beschluesse/<int:pk>/", views.decision_edit, name="decision_edit"),
    path("beteiligung/beschluesse/<int:pk>/loeschen/", views.decision_delete, name="decision_delete"),
]
