from django.urls import path

from teilhabe.backoffice.views import dashboard

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
]
