"""The moderation queue: changes proposed by organisations that are not trusted yet."""

from django.urls import path

from teilhabe.backoffice.moderation import queue

urlpatterns = [
    path("freigaben/", queue.revision_list, name="revision_list"),
    path("freigaben/<int:pk>/", queue.revision_detail, name="revision_detail"),
]
