"""Backoffice URLs of participation: proposals. Views on one proposal are named
participation_proposals_proposal_… (the access matrix derives their object from that)."""

from django.urls import URLPattern, URLResolver, path

from teilhabe.backoffice.participation import proposals as views

P = "beteiligung/vorschlaege/<int:pk>/"
N = "participation_proposals_proposal_"

urlpatterns: list[URLPattern | URLResolver] = [
    path("beteiligung/vorschlaege/", views.proposal_list, name="participation_proposals_list"),
    path("beteiligung/vorschlaege/freigabe/", views.proposal_queue, name="participation_proposals_queue"),
    path("beteiligung/vorschlaege/neu/", views.proposal_create, name="participation_proposals_create"),
    path(P, views.proposal_detail, name=f"{N}detail"),
    path(f"{P}bearbeiten/", views.proposal_edit, name=f"{N}edit"),
    path(f"{P}freigeben/", views.proposal_moderate, name=f"{N}moderate"),
    path(f"{P}antworten/", views.proposal_answer, name=f"{N}answer"),
    path(f"{P}zusammenfuehren/", views.proposal_merge, name=f"{N}merge"),
    path(f"{P}verknuepfen/", views.proposal_link, name=f"{N}link"),
    path(f"{P}verknuepfung-loesen/", views.proposal_unlink, name=f"{N}unlink"),
    path(f"{P}uebernehmen/", views.proposal_adopt, name=f"{N}adopt"),
]
