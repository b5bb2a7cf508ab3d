"""Public calendar URLs, included by the portal under /<municipality>/kalender/ (names calendar_*)."""

from django.urls import path

from teilhabe.portal.calendar import views

urlpatterns = [
    path("", views.current_month, name="calendar"),
    path("feed.ics", views.feed, name="calendar_feed"),
    path("<slug:community>.ics", views.community_feed, name="calendar_community_feed"),
    path("<int:year>/", views.year, name="calendar_year"),
    path("<int:year>/<int:month>/", views.month, name="calendar_month"),
    path("<int:year>/poster.pdf", views.poster, name="calendar_poster"),
    path("<int:year>/monate.pdf", views.monthly_pdf, name="calendar_monthly_pdf"),
]
