"""Back office URLs, one module per area so that slices do not collide."""

from django.urls import include, path

app_name = "backoffice"
urlpatterns = [
    path("", include("teilhabe.backoffice.urls_plan")),
    path("", include("teilhabe.backoffice.urls_editions")),
    path("", include("teilhabe.backoffice.urls_structure")),
    path("", include("teilhabe.backoffice.urls_exchange")),
    path("", include("teilhabe.backoffice.urls_pages")),
    path("", include("teilhabe.calendar.urls_backoffice")),
]
