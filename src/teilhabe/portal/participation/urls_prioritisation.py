"""Portal URLs of participation: prioritisation (the ballot, the ballot link by e-mail, the published result)."""

from django.urls import URLPattern, URLResolver, path

from teilhabe.portal.participation import prioritisation as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("beteiligung/priorisierung/", views.prioritisation_list, name="participation_prioritisation_list"),
    path("beteiligung/priorisierung/<int:pk>/", views.prioritisation_detail,
         name="participation_prioritisation_detail"),
    path("beteiligung/priorisierung/<int:pk>/stimmzettel/<str:token>/", views.prioritisation_ballot,
         name="participation_prioritisation_ballot"),
]
