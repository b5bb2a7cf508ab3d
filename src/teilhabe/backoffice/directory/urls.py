"""Organisations' profiles in the back office: „Meine Organisation“ (the organisation editors' start), the
profile editor, Koordination's list, invitations and registration requests."""

from django.urls import path

from teilhabe.backoffice.directory import profiles, registrations

urlpatterns = [
    path("organisation/", profiles.my_organisation, name="my_organisation"),
    path("organisationsprofile/", profiles.profile_list, name="profile_list"),
    path("organisationsprofile/<int:pk>/", profiles.organisation_profile, name="organisation_profile"),
    path("organisationsprofile/<int:pk>/einladen/", profiles.organisation_invite, name="organisation_invite"),
    path("organisationsprofile/registrierungen/", registrations.registration_list, name="registration_list"),
    path("organisationsprofile/registrierungen/<int:pk>/", registrations.registration_detail,
         name="registration_detail"),
]
