"""Portal URLs of the monitoring (indicators): the published indicators and one indicator's page."""

from django.urls import path

from teilhabe.portal.monitoring import indicators

urlpatterns = [
    path("", indicators.indicator_list, name="portal_indicator_list"),
    path("<slug:key>/", indicators.indicator_page, name="portal_indicator"),
]
