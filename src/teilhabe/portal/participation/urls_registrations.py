"""Portal URLs of participation: registration for public meetings, its withdrawal, a meeting as .ics and its
published minutes as PDF."""

from django.urls import URLPattern, URLResolver, path

from teilhabe.portal.participation import registrations

urlpatterns: list[URLPattern | URLResolver] = [
    path("beteiligung/veranstaltungen/<int:pk>/anmelden/", registrations.registration_form,
         name="participation_registrations_form"),
    path("beteiligung/veranstaltungen/<int:pk>/angemeldet/", registrations.registration_thanks,
         name="participation_registrations_thanks"),
    path("beteiligung/abmelden/<str:token>/", registrations.registration_cancel,
         name="participation_registrations_cancel"),
    path("beteiligung/veranstaltungen/<int:pk>/termin.ics", registrations.meeting_ics,
         name="participation_registrations_ics"),
    path("beteiligung/veranstaltungen/<int:pk>/protokoll.pdf", registrations.meeting_minutes_pdf,
         name="participation_registrations_minutes_pdf"),
]
