"""Back office URLs, one module per area so that slices do not collide."""

from django.urls import include, path

app_name = "backoffice"
urlpatterns = [
    path("", include("teilhabe.backoffice.urls_plan")),
]
