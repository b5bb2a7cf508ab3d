from django.urls import path

from teilhabe.api.main import api

urlpatterns = [path("v1/", api.urls)]
