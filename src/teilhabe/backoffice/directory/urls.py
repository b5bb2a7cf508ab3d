"""Organisations' profiles in the back office: „Meine Organisation“ (the organisation editors' start), the
profile editor, Koordination's list, invitations and registration requests; offers and the inventory of
offers."""

from django.urls import path

from teilhabe.backoffice.directory import inventory, offers, profiles, registrations

urlpatterns = [
    path("organisation/", profiles.my_organisation, name="my_organisation"),
    path("organisationsprofile/", profiles.profile_list, name="profile_list"),
    path("organisationsprofile/<int:pk>/", profiles.organisation_profile, name="organisation_profile"),
    path("organisationsprofile/<int:pk>/einladen/", profiles.organisation_invite, name="organisation_invite"),
    path("organisationsprofile/registrierungen/", registrations.registration_list, name="registration_list"),
    path("organisationsprofile/registrierungen/<int:pk>/", registrations.registration_detail,
         name="registration_detail"),
    # "offers_": the list and creating name no existing offer (the access matrix checks the permission alone)
    path("angebote/", offers.offer_list, name="offers_list"),
    path("angebote/neu/", offers.offer_create, name="offers_create"),
    path("angebote/<int:pk>/", offers.offer_edit, name="offer_edit"),
    path("angebote/<int:pk>/loeschen/", offers.offer_delete, name="offer_delete"),
    path("bestandsaufnahme/", inventory.inventory_list, name="inventory_list"),
    path("bestandsaufnahme/neu/", inventory.inventory_create, name="inventory_create"),
    path("bestandsaufnahme/auswertung/", inventory.inventory_analysis, name="inventory_analysis"),
    path("bestandsaufnahme/auswertung.xlsx", inventory.inventory_export, name="inventory_export"),
    path("bestandsaufnahme/<int:pk>/", inventory.inventory_detail, name="inventory_detail"),
    path("bestandsaufnahme/<int:pk>/antwort/", inventory.inventory_answer, name="inventory_answer"),
    path("bestandsaufnahme/<int:pk>/abschliessen/", inventory.inventory_close, name="inventory_close"),
]
