"""Core services for the structure: org units (tree, cycles, in use), organisations, people and roles."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django_scopes import scopes_disabled

from teilhabe.core import services
from teilhabe.core.audit import history_of
from teilhabe.core.errors import NotAllowed, ServiceError
from teilhabe.core.models import AuditEntry, Membership, Organisation, OrgUnit, User
from teilhabe.core.roles import Role
from teilhabe.core.tenancy import across_municipalities, actor_for, municipality_scope
from tests.factories import OrganisationFactory, OrgUnitFactory


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    """Test users need passwords, not strong hashes: PBKDF2 would dominate these tests' run time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_create_org_unit_tree_is_recorded(coord_actor, municipality):
    dezernat = services.create_org_unit(actor=coord_actor, municipality=municipality, name="Dezernat II",
                                        kind=OrgUnit.Kind.DEZERNAT)
    amt = services.create_org_unit(actor=coord_actor, municipality=municipality, name="Amt für Soziales",
                                   parent=dezernat)
    assert amt.parent == dezernat
    entry = history_of(amt).get()
    assert entry.action == AuditEntry.Action.CREATE
    assert entry.changes["parent"] == [None, "Dezernat II"]


def test_moving_a_unit_below_its_own_descendant_is_refused(coord_actor, municipality):
    top = services.create_org_unit(actor=coord_actor, municipality=municipality, name="Dezernat I")
    middle = services.create_org_unit(actor=coord_actor, municipality=municipality, name="Amt 1", parent=top)
    bottom = services.create_org_unit(actor=coord_actor, municipality=municipality, name="Abteilung 1a",
                                      parent=middle)
    for new_parent in (bottom, middle, top):
        with pytest.raises(ValidationError) as caught:
            services.update_org_unit(actor=coord_actor, unit=top, expected_version=top.version, name=top.name,
                                     short_name="", kind=top.kind, parent=new_parent)
        assert "parent" in caught.value.message_dict
    top.refresh_from_db()
    assert top.parent_id is None


def test_moving_a_unit_elsewhere_is_recorded(coord_actor, municipality):
    a = services.create_org_unit(actor=coord_actor, municipality=municipality, name="Dezernat A")
    b = services.create_org_unit(actor=coord_actor, municipality=municipality, name="Dezernat B")
    amt = services.create_org_unit(actor=coord_actor, municipality=municipality, name="Amt X", parent=a)
    services.update_org_unit(actor=coord_actor, unit=amt, expected_version=amt.version, name="Amt X", short_name="",
                             kind=amt.kind, parent=b)
    assert OrgUnit.objects.get(pk=amt.pk).parent == b
    assert history_of(amt).first().changes == {"parent": ["Dezernat A", "Dezernat B"]}


@pytest.mark.parametrize("name", [
    "Amt für Chancengleichheit", "amt für chancengleichheit", "  AMT FÜR CHANCENGLEICHHEIT "])
def test_duplicate_unit_names_are_refused(coord_actor, municipality, amt, name):
    with pytest.raises(ValidationError) as caught:
        services.create_org_unit(actor=coord_actor, municipality=municipality, name=name)
    assert "name" in caught.value.message_dict
    assert OrgUnit.objects.filter(municipality=municipality).count() == 1


def test_same_name_in_another_municipality_is_fine(other_municipality, foreign_user, amt):
    actor = actor_for(foreign_user, other_municipality)
    with municipality_scope(other_municipality):
        created = services.create_org_unit(actor=actor, municipality=other_municipality, name=amt.name)
    assert (created.municipality, created.name) == (other_municipality, "Amt für Chancengleichheit")
    with scopes_disabled():
        assert list(OrgUnit.objects.filter(name=amt.name).order_by("municipality__name")
                    .values_list("municipality__slug", flat=True)) == ["heidelberg", "herdecke"]


@pytest.mark.parametrize("name", ["<script>alert(1)</script>", "Amt <b>fett</b>", "", "x" * 201])
def test_bad_names_are_refused(coord_actor, municipality, name):
    with pytest.raises(ValidationError):
        services.create_org_unit(actor=coord_actor, municipality=municipality, name=name)
    with pytest.raises(ValidationError):
        services.create_organisation(actor=coord_actor, municipality=municipality, name=name)
    assert not OrgUnit.objects.exists() and not Organisation.objects.exists()


def test_unit_in_use_cannot_be_deleted(coord_actor, own_measure, amt, other_amt, municipality):
    # amt leads a measure and is partner of another, and the Fachstelle fixture is not even created here.
    with pytest.raises(ServiceError) as caught:
        services.delete_org_unit(actor=coord_actor, unit=amt, expected_version=amt.version)
    assert "Maßnahmen" in caught.value.message
    assert OrgUnit.objects.filter(pk=amt.pk).exists()


def test_unit_with_children_or_members_cannot_be_deleted(coord_actor, municipality, fachstelle, amt):
    parent = services.create_org_unit(actor=coord_actor, municipality=municipality, name="Dezernat")
    services.create_org_unit(actor=coord_actor, municipality=municipality, name="Kind", parent=parent)
    with pytest.raises(ServiceError, match="untergeordnete"):
        services.delete_org_unit(actor=coord_actor, unit=parent, expected_version=parent.version)
    with pytest.raises(ServiceError, match="Mitgliedschaften"):
        # the Fachstelle user belongs to it
        services.delete_org_unit(actor=coord_actor, unit=amt, expected_version=amt.version)


def test_unused_unit_is_deleted_and_recorded(coord_actor, municipality):
    unit = services.create_org_unit(actor=coord_actor, municipality=municipality, name="Leer")
    pk = unit.pk
    services.delete_org_unit(actor=coord_actor, unit=unit, expected_version=unit.version)
    assert not OrgUnit.objects.filter(pk=pk).exists()
    assert AuditEntry.objects.filter(object_type="core.orgunit", object_id=pk, action="delete").exists()


def test_organisation_crud_and_in_use(coord_actor, municipality, edition, verein):
    org = services.create_organisation(actor=coord_actor, municipality=municipality, name="Caritas",
                                       kind=Organisation.Kind.WELFARE, website="https://caritas.example")
    org = services.update_organisation(actor=coord_actor, organisation=org, expected_version=org.version,
                                       name="Caritasverband", kind=Organisation.Kind.WELFARE, website="")
    assert history_of(org).first().changes["name"] == ["Caritas", "Caritasverband"]
    with pytest.raises(ValidationError):
        services.update_organisation(actor=coord_actor, organisation=org, expected_version=org.version,
                                     name=verein.name.lower(), kind=Organisation.Kind.OTHER)
    with pytest.raises(ServiceError):
        services.delete_organisation(actor=coord_actor, organisation=verein,  # leads a measure
                                     expected_version=verein.version)
    services.delete_organisation(actor=coord_actor, organisation=org, expected_version=org.version)
    assert not Organisation.objects.filter(pk=org.pk).exists()


def test_structure_writes_need_manage_structure(municipality, fachstelle, lesend, amt):
    for user in (fachstelle, lesend):
        actor = actor_for(user, municipality)
        with pytest.raises(NotAllowed):
            services.create_org_unit(actor=actor, municipality=municipality, name="Neu")
        with pytest.raises(NotAllowed):
            services.update_org_unit(actor=actor, unit=amt, expected_version=amt.version, name="X", short_name="",
                                     kind=amt.kind, parent=None)
        with pytest.raises(NotAllowed):
            services.create_organisation(actor=actor, municipality=municipality, name="Neu")
        with pytest.raises(NotAllowed):
            services.create_member(actor=actor, municipality=municipality, username="neu", email="a@b.de",
                                   role=Role.LESEND)
    assert OrgUnit.objects.get(pk=amt.pk).name == "Amt für Chancengleichheit"


def test_foreign_objects_are_refused(coord_actor, municipality, other_municipality):
    foreign_unit = OrgUnitFactory(municipality=other_municipality, name="Fremdes Amt")
    foreign_org = OrganisationFactory(municipality=other_municipality, name="Fremder Verein")
    with pytest.raises(NotAllowed):
        services.create_org_unit(actor=coord_actor, municipality=municipality, name="X", parent=foreign_unit)
    with pytest.raises(NotAllowed):
        services.delete_org_unit(actor=coord_actor, unit=foreign_unit, expected_version=foreign_unit.version)
    with pytest.raises(NotAllowed):
        services.create_member(actor=coord_actor, municipality=municipality, username="neu", email="a@b.de",
                               role=Role.FACHSTELLE, organisations=[foreign_org])
    with pytest.raises(NotAllowed):
        services.create_org_unit(actor=coord_actor, municipality=other_municipality, name="X")
    assert not User.objects.filter(username="neu").exists()


# --- people -------------------------------------------------------------------------------------------------

def test_create_member_without_password_and_invitation_mail(coord_actor, municipality, amt, verein):
    membership = services.create_member(
        actor=coord_actor, municipality=municipality, username="a.yilmaz", first_name="Ayşe", last_name="Yılmaz",
        email="ayse@example.org", role=Role.FACHSTELLE, org_units=[amt], organisations=[verein])
    user = membership.user
    assert not user.has_usable_password()
    assert list(membership.org_units.all()) == [amt] and list(membership.organisations.all()) == [verein]
    entry = AuditEntry.objects.get(object_type="core.membership", object_id=membership.pk)
    assert entry.changes["role"] == [None, "Fachstelle"]
    assert entry.changes["org_units"] == [None, ["Amt für Chancengleichheit"]]

    services.send_invitation(actor=coord_actor, membership=membership, base_url="https://teilhabe.example/")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ayse@example.org"]
    assert "Heidelberg" in message.subject
    assert "https://teilhabe.example/konto/passwort-neu/" in message.body
    assert "a.yilmaz" in message.body


def test_invitation_link_lets_the_person_set_a_password(client, coord_actor, municipality):
    membership = services.create_member(actor=coord_actor, municipality=municipality, username="neu",
                                        email="neu@example.org", role=Role.LESEND)
    services.send_invitation(actor=coord_actor, membership=membership, base_url="http://testserver/")
    link = next(line for line in mail.outbox[0].body.splitlines() if "/konto/passwort-neu/" in line)
    path = link.replace("http://testserver", "").strip()
    response = client.get(path, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "Ein-sicheres-Passwort-42", "new_password2":
                                      "Ein-sicheres-Passwort-42"})
    assert response.status_code == 302
    assert User.objects.get(username="neu.heidelberg").check_password("Ein-sicheres-Passwort-42")


@pytest.mark.parametrize("values,field", [
    ({"username": "koordination"}, "username"),
    ({"username": "KOORDINATION"}, "username"),
    ({"username": "mit leerzeichen"}, "username"),
    ({"username": ""}, "username"),
    ({"email": ""}, "email"),
    ({"email": "kein-mail"}, "email"),
    ({"first_name": "<script>x</script>"}, "first_name"),
    ({"role": "chef"}, "role"),
])
def test_bad_member_input_is_refused(coord_actor, municipality, values, field):
    data = {"username": "neu", "email": "neu@example.org", "role": Role.LESEND, **values}
    before = User.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.create_member(actor=coord_actor, municipality=municipality, **data)
    assert field in caught.value.message_dict
    assert User.objects.count() == before


def test_update_member_role_and_assignments(coord_actor, municipality, fachstelle, amt, other_amt, verein):
    membership = Membership.objects.get(user=fachstelle)
    membership = services.update_member(actor=coord_actor, membership=membership, expected_version=membership.version,
                                        role=Role.FACHSTELLE, org_units=[other_amt], organisations=[verein])
    assert actor_for(fachstelle, municipality).org_unit_ids == {other_amt.pk}
    entry = history_of(membership).first()
    assert entry.changes["org_units"] == [["Amt für Chancengleichheit"], ["Amt für Schule und Bildung"]]
    services.update_member(actor=coord_actor, membership=membership, expected_version=membership.version,
                           role=Role.LESEND)
    assert history_of(membership).first().changes["role"] == ["Fachstelle", "Lesend"]


def test_coordinator_cannot_change_own_role_or_remove_self(coord_actor, koordination):
    own = Membership.objects.get(user=koordination)
    with pytest.raises(ServiceError):
        services.update_member(actor=coord_actor, membership=own, expected_version=own.version, role=Role.LESEND)
    with pytest.raises(ServiceError):
        services.remove_member(actor=coord_actor, membership=own, expected_version=own.version)
    assert Membership.objects.get(pk=own.pk).role == Role.KOORDINATION


def test_remove_member_deactivates_account_without_other_membership(coord_actor, municipality, lesend,
                                                                     other_municipality, make_member):
    membership = Membership.objects.get(user=lesend)
    services.remove_member(actor=coord_actor, membership=membership, expected_version=membership.version)
    lesend.refresh_from_db()
    assert not lesend.is_active
    assert actor_for(lesend, municipality).role is None
    # Someone who also works for another municipality keeps their account.
    both = make_member(municipality, Role.LESEND, "beide")
    Membership.objects.create(municipality=other_municipality, user=both, role=Role.LESEND)
    membership = Membership.objects.get(user=both, municipality=municipality)
    services.remove_member(actor=coord_actor, membership=membership, expected_version=membership.version)
    both.refresh_from_db()
    assert both.is_active


def test_invitation_to_deactivated_or_foreign_membership_is_refused(coord_actor, foreign_user):
    with across_municipalities():
        foreign_membership = Membership.objects.get(user=foreign_user)
    with pytest.raises(NotAllowed):
        services.send_invitation(actor=coord_actor, membership=foreign_membership, base_url="http://x/")
    assert not mail.outbox
