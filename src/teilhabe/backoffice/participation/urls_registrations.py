"""Backoffice URLs of participation: invitations, registrations and meeting documents. The names start with
`meeting_` (the object their id names, for the access matrix)."""

from django.urls import URLPattern, URLResolver, path

from teilhabe.backoffice.participation import registrations

urlpatterns: list[URLPattern | URLResolver] = [
    path("beteiligung/sitzungen/<int:pk>/anmeldungen/", registrations.meeting_registrations,
         name="meeting_registrations"),
    path("beteiligung/sitzungen/<int:pk>/anmeldungen.csv", registrations.meeting_registrations_csv,
         name="meeting_registrations_csv"),
    path("beteiligung/sitzungen/<int:pk>/einladen/", registrations.meeting_invite, name="meeting_invite"),
    path("beteiligung/sitzungen/<int:pk>/einladung.pdf", registrations.meeting_invitation_pdf,
         name="meeting_invitation_pdf"),
    path("beteiligung/sitzungen/<int:pk>/protokoll.pdf", registrations.meeting_minutes_pdf,
         name="meeting_minutes_pdf"),
]
