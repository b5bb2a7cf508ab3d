"""Portal URLs of participation: proposals (list, page, online submission)."""

from django.urls import URLPattern, URLResolver, path

from teilhabe.portal.participation import proposals as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("beteiligung/vorschlaege/", views.proposal_list, name="participation_proposals_list"),
    path("beteiligung/vorschlaege/neu/", views.proposal_submit, name="participation_proposals_submit"),
    path("beteiligung/vorschlaege/danke/", views.proposal_thanks, name="participation_proposals_thanks"),
    path("beteiligung/vorschlaege/<int:pk>/", views.proposal_detail, name="participation_proposals_detail"),
]
