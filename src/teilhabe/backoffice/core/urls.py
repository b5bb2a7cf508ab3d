"""The administration's structure (org units, organisations, people and roles) and the audit log."""

from django.urls import path

from teilhabe.backoffice.core import audit, structure

urlpatterns = [
    path("struktur/", structure.structure, name="structure"),
    path("struktur/einheiten/neu/", structure.orgunit_create, name="orgunit_create"),
    path("struktur/einheiten/<int:pk>/", structure.orgunit_edit, name="orgunit_edit"),
    path("struktur/einheiten/<int:pk>/loeschen/", structure.orgunit_delete, name="orgunit_delete"),
    path("struktur/organisationen/neu/", structure.organisation_create, name="organisation_create"),
    path("struktur/organisationen/<int:pk>/", structure.organisation_edit, name="organisation_edit"),
    path("struktur/organisationen/<int:pk>/loeschen/", structure.organisation_delete, name="organisation_delete"),
    path("struktur/personen/", structure.member_list, name="member_list"),
    path("struktur/personen/neu/", structure.member_create, name="member_create"),
    path("struktur/personen/<int:pk>/", structure.member_edit, name="member_edit"),
    path("struktur/personen/<int:pk>/entfernen/", structure.member_delete, name="member_delete"),
    path("protokoll/", audit.audit_log, name="audit_log"),
]
