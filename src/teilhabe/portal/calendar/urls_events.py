"""Public event URLs, included by the portal under /<municipality>/termine/ (names event_*)."""

from django.urls import path

from teilhabe.portal.calendar import events

urlpatterns = [
    path("", events.event_list, name="event_list"),
    path("termine.ics", events.event_feed, name="event_feed"),
    path("organisation/<int:organisation>.ics", events.event_organisation_feed, name="event_organisation_feed"),
    path("kategorie/<slug:category>.ics", events.event_category_feed, name="event_category_feed"),
    path("widget/<int:organisation>/", events.event_widget, name="event_widget"),
    path("<int:pk>/", events.event_detail, name="event_detail"),
    path("<int:pk>/termin.ics", events.event_ics, name="event_ics"),
]
