"""Back-office URLs of the calendar, included into the backoffice namespace (names calendar_*).
Objects are named by their key in the query string or form, not by a database id in the path."""

from django.urls import path

from teilhabe.backoffice.calendar import events, views

urlpatterns = [
    path("kalender/", views.calendar_admin, name="calendar_admin"),
    path("kalender/varianten/", views.calendar_variants, name="calendar_variants"),
    path("kalender/datum/", views.calendar_override, name="calendar_override"),
    path("kalender/datum/entfernen/", views.calendar_override_delete, name="calendar_override_delete"),
    path("kalender/ausblenden/", views.calendar_hide, name="calendar_hide"),
    path("kalender/einblenden/", views.calendar_unhide, name="calendar_unhide"),
    path("kalender/eigene/neu/", views.calendar_own_create, name="calendar_own_create"),
    path("kalender/eigene/bearbeiten/", views.calendar_own_edit, name="calendar_own_edit"),
    path("kalender/eigene/loeschen/", views.calendar_own_delete, name="calendar_own_delete"),
    path("termine/", events.events_list, name="events_list"),
    path("termine/neu/", events.events_create, name="events_create"),
    path("termine/<int:pk>/", events.event_edit, name="event_edit"),
    path("termine/<int:pk>/einzeltermine/", events.event_occurrences, name="event_occurrences"),
    path("termine/<int:pk>/druck/", events.event_print, name="event_print"),
    path("termine/<int:pk>/loeschen/", events.event_delete, name="event_delete"),
]

from teilhabe.backoffice.calendar import feeds  # noqa: E402 - the calendar import (Kalender-Abonnements)

urlpatterns += [
    path("kalender/import/", feeds.eventfeed_list, name="eventfeed_list"),
    path("kalender/import/abonnieren/", feeds.eventfeed_subscribe, name="eventfeed_subscribe"),
    path("kalender/import/hochladen/", feeds.eventfeed_upload, name="eventfeed_upload"),
    path("kalender/import/<int:pk>/", feeds.eventfeed_detail, name="eventfeed_detail"),
    path("kalender/import/<int:pk>/bearbeiten/", feeds.eventfeed_edit, name="eventfeed_edit"),
    path("kalender/import/<int:pk>/abrufen/", feeds.eventfeed_refresh, name="eventfeed_refresh"),
    path("kalender/import/<int:pk>/beenden/", feeds.eventfeed_delete, name="eventfeed_delete"),
]
