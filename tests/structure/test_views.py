"""Structure pages: org units, organisations and people, per role and with bad input."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teilhabe.core.models import AuditEntry, Membership, Organisation, OrgUnit, User
from teilhabe.core.roles import Role
from teilhabe.core.tenancy import across_municipalities
from tests.factories import MembershipFactory, OrganisationFactory, OrgUnitFactory, UserFactory


def url(name, municipality, **kwargs):
    return reverse(f"backoffice:{name}", kwargs={"municipality": municipality.slug, **kwargs})


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


# --- reading ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["koordination", "fachstelle", "lesend", "platform_admin"])
def test_everyone_in_the_municipality_reads_the_structure(who, request, client_for, municipality, amt, verein):
    client = client_for(request.getfixturevalue(who))
    response = client.get(url("structure", municipality))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Amt für Chancengleichheit" in html and "Interkultureller Verein" in html
    can_manage = who in ("koordination", "platform_admin")
    assert (url("orgunit_create", municipality) in html) is can_manage
    members = client.get(url("member_list", municipality))
    assert members.status_code == 200
    assert (url("member_create", municipality) in members.content.decode()) is can_manage


def test_structure_shows_the_tree(client_for, koordination, municipality):
    dezernat = OrgUnitFactory(municipality=municipality, name="Dezernat III", kind=OrgUnit.Kind.DEZERNAT)
    amt = OrgUnitFactory(municipality=municipality, name="Amt für Soziales", parent=dezernat)
    OrgUnitFactory(municipality=municipality, name="Abteilung Integration", parent=amt)
    html = client_for(koordination).get(url("structure", municipality)).content.decode()
    # nested lists: the Abteilung sits inside the Amt's list, which sits inside the Dezernat's
    d, a, ab = html.index("Dezernat III"), html.index("Amt für Soziales"), html.index("Abteilung Integration")
    assert d < a < ab
    assert html.count('<ul class="orgunit-tree">') == 2


def test_foreign_user_gets_404(client_for, foreign_user, municipality, amt, verein, koordination):
    client = client_for(foreign_user)
    membership = Membership.objects.get(user=koordination)
    for name, kwargs in [("structure", {}), ("member_list", {}), ("orgunit_create", {}),
                         ("orgunit_edit", {"pk": amt.pk}), ("organisation_delete", {"pk": verein.pk}),
                         ("member_edit", {"pk": membership.pk})]:
        assert client.get(url(name, municipality, **kwargs)).status_code == 404
        assert client.post(url(name, municipality, **kwargs), {"name": "x"}).status_code == 404
    assert OrgUnit.objects.get(pk=amt.pk).name == "Amt für Chancengleichheit"


def test_objects_of_another_municipality_are_404(client_for, koordination, municipality, other_municipality):
    unit = OrgUnitFactory(municipality=other_municipality, name="Fremdes Amt")
    org = OrganisationFactory(municipality=other_municipality, name="Fremder Verein")
    member = MembershipFactory(municipality=other_municipality, role=Role.LESEND)
    client = client_for(koordination)
    assert client.get(url("orgunit_edit", municipality, pk=unit.pk)).status_code == 404
    assert client.post(url("orgunit_delete", municipality, pk=unit.pk)).status_code == 404
    assert client.post(url("organisation_edit", municipality, pk=org.pk), {"name": "x"}).status_code == 404
    assert client.post(url("member_delete", municipality, pk=member.pk)).status_code == 404
    with across_municipalities():  # the foreign rows are still there
        assert OrgUnit.objects.filter(pk=unit.pk).exists() and Membership.objects.filter(pk=member.pk).exists()


@pytest.mark.parametrize("who", ["fachstelle", "lesend"])
def test_readers_cannot_write(who, request, client_for, municipality, amt, verein):
    client = client_for(request.getfixturevalue(who))
    assert client.get(url("orgunit_create", municipality)).status_code == 403
    assert client.post(url("orgunit_create", municipality), {"name": "Neu", "kind": "amt"}).status_code == 403
    assert client.post(url("orgunit_delete", municipality, pk=amt.pk)).status_code == 403
    assert client.post(url("organisation_edit", municipality, pk=verein.pk),
                       {"name": "X", "kind": "other"}).status_code == 403
    assert client.post(url("member_create", municipality), {"username": "x"}).status_code == 403
    assert OrgUnit.objects.count() == 1 and Organisation.objects.get(pk=verein.pk).name == "Interkultureller Verein"


def test_anonymous_is_sent_to_login(client, municipality):
    response = client.get(url("structure", municipality))
    assert response.status_code == 302 and "/konto/anmelden/" in response["Location"]


# --- org units ---------------------------------------------------------------------------------------------


def test_create_edit_delete_org_unit(client_for, koordination, municipality):
    client = client_for(koordination)
    response = client.post(url("orgunit_create", municipality), {"name": "Dezernat II", "kind": "dezernat"})
    assert response.status_code == 302
    dezernat = OrgUnit.objects.get(name="Dezernat II")
    response = client.post(url("orgunit_create", municipality),
                           {"name": "Amt für Soziales", "short_name": "Amt 50", "kind": "amt", "parent": dezernat.pk})
    amt = OrgUnit.objects.get(name="Amt für Soziales")
    assert amt.parent == dezernat and amt.short_name == "Amt 50"
    response = client.post(url("orgunit_edit", municipality, pk=amt.pk), {
        "name": "Amt für Soziales und Integration", "kind": "amt", "parent": "", "version": amt.version})
    assert response.status_code == 302
    amt.refresh_from_db()
    assert amt.name == "Amt für Soziales und Integration" and amt.parent is None
    assert client.get(url("orgunit_delete", municipality, pk=amt.pk)).status_code == 200
    response = client.post(url("orgunit_delete", municipality, pk=amt.pk), {"version": amt.version}, follow=True)
    assert not OrgUnit.objects.filter(pk=amt.pk).exists()
    assert any("gelöscht" in m for m in messages_of(response))
    assert AuditEntry.objects.filter(object_type="core.orgunit").count() == 4  # 2 created, 1 changed, 1 deleted


def test_cycle_in_tree_is_refused_with_message(client_for, koordination, municipality):
    top = OrgUnitFactory(municipality=municipality, name="Dezernat I")
    child = OrgUnitFactory(municipality=municipality, name="Amt 1", parent=top)
    grandchild = OrgUnitFactory(municipality=municipality, name="Abteilung 1a", parent=child)
    response = client_for(koordination).post(url("orgunit_edit", municipality, pk=top.pk), {
        "name": "Dezernat I", "kind": "dezernat", "parent": grandchild.pk, "version": top.version})
    assert response.status_code == 200
    assert "Untereinheiten" in response.content.decode()
    top.refresh_from_db()
    assert top.parent is None
    # The unit itself is not even offered as its own parent.
    response = client_for(koordination).post(url("orgunit_edit", municipality, pk=top.pk), {
        "name": "Dezernat I", "kind": "dezernat", "parent": top.pk, "version": top.version})
    assert response.status_code == 200
    assert OrgUnit.objects.get(pk=top.pk).parent is None


def test_deleting_a_unit_in_use_is_refused_with_message(client_for, koordination, municipality, own_measure, amt):
    client = client_for(koordination)
    page = client.get(url("orgunit_delete", municipality, pk=amt.pk)).content.decode()
    assert "Wird noch verwendet" in page and "Maßnahmen" in page
    response = client.post(url("orgunit_delete", municipality, pk=amt.pk), {"version": amt.version})
    assert OrgUnit.objects.filter(pk=amt.pk).exists()
    assert response.status_code == 200 and "noch verwendet" in response.content.decode()


@pytest.mark.parametrize("data,message", [
    ({"name": "Amt für Chancengleichheit", "kind": "amt"}, "bereits"),
    ({"name": "amt für chancengleichheit", "kind": "amt"}, "bereits"),
    ({"name": "<script>alert(1)</script>", "kind": "amt"}, "HTML"),
    ({"name": "Amt <i>X</i>", "kind": "amt"}, "HTML"),
    ({"name": "", "kind": "amt"}, "erforderlich"),
    ({"name": "Neu", "kind": "kaiserreich"}, "Auswahl"),
    ({"name": "Neu", "kind": "amt", "parent": "999999"}, "Auswahl"),
    ({"name": "Neu", "kind": "amt", "parent": "abc"}, "Auswahl"),
])
def test_bad_org_unit_input_gives_message_and_changes_nothing(client_for, koordination, municipality, amt, data,
                                                              message):
    response = client_for(koordination).post(url("orgunit_create", municipality), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert list(OrgUnit.objects.all()) == [amt]
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_parent_of_another_municipality_is_refused(client_for, koordination, municipality, other_municipality):
    foreign = OrgUnitFactory(municipality=other_municipality, name="Fremd")
    response = client_for(koordination).post(url("orgunit_create", municipality),
                                             {"name": "Neu", "kind": "amt", "parent": foreign.pk})
    assert response.status_code == 200
    assert not OrgUnit.objects.filter(name="Neu").exists()


# --- organisations -----------------------------------------------------------------------------------------


def test_organisation_create_edit_and_refused_delete(client_for, koordination, municipality, own_measure, verein):
    client = client_for(koordination)
    response = client.post(url("organisation_create", municipality),
                           {"name": "Türkischer Elternverein", "kind": "mso", "website": "elternverein.example"})
    assert response.status_code == 302
    org = Organisation.objects.get(name="Türkischer Elternverein")
    assert org.kind == "mso" and org.website == "https://elternverein.example"
    response = client.post(url("organisation_edit", municipality, pk=org.pk),
                           {"name": verein.name, "kind": "mso", "version": org.version})
    assert response.status_code == 200 and "bereits" in response.content.decode()
    response = client.post(url("organisation_delete", municipality, pk=verein.pk), {"version": verein.version})
    assert Organisation.objects.filter(pk=verein.pk).exists()  # it leads a measure
    assert response.status_code == 200 and "noch verwendet" in response.content.decode()
    client.post(url("organisation_delete", municipality, pk=org.pk), {"version": org.version})
    assert not Organisation.objects.filter(pk=org.pk).exists()


def test_organisation_kinds_offered(client_for, koordination, municipality):
    html = client_for(koordination).get(url("organisation_create", municipality)).content.decode()
    for label in ("Migrantenorganisation", "Wohlfahrtsverband", "Verein", "Bildungsträger", "Behörde",
                  "Unternehmen", "Religionsgemeinschaft", "Sonstige"):
        assert label in html


# --- people ----------------------------------------------------------------------------------------------------


def test_invite_a_person(client_for, koordination, municipality, amt, verein):
    response = client_for(koordination).post(url("member_create", municipality), {
        "username": "m.kaya", "first_name": "Mehmet", "last_name": "Kaya", "email": "kaya@example.org",
        "role": "fachstelle", "org_units": [amt.pk], "organisations": [verein.pk]}, follow=True)
    assert response.status_code == 200
    membership = Membership.objects.get(user__username="m.kaya.heidelberg")  # login names carry the municipality
    assert membership.role == Role.FACHSTELLE
    assert list(membership.org_units.all()) == [amt] and list(membership.organisations.all()) == [verein]
    assert not membership.user.has_usable_password()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["kaya@example.org"]
    assert "http://testserver/konto/passwort-neu/" in mail.outbox[0].body
    assert any("kaya@example.org" in m for m in messages_of(response))


def test_a_name_taken_in_another_municipality_is_neither_refused_nor_revealed(
        client_for, koordination, municipality, other_municipality, make_member):
    make_member(other_municipality, Role.LESEND, "m.kaya")  # also a legacy name without suffix
    make_member(other_municipality, Role.LESEND, "s.yilmaz.herdecke")
    client = client_for(koordination)
    for name in ("m.kaya", "s.yilmaz.herdecke"):
        response = client.post(url("member_create", municipality), {
            "username": name, "email": f"{name}@example.org", "role": "lesend"}, follow=True)
        html = response.content.decode()
        assert "vergeben" not in html and "Herdecke" not in html
        assert Membership.objects.filter(user__username=f"{name}.heidelberg").exists()


def test_invite_form_preselects_role_and_uses_fieldsets(client_for, koordination, municipality, amt):
    html = client_for(koordination).get(url("member_create", municipality) + "?rolle=koordination").content.decode()
    assert '<option value="koordination" selected>' in html
    assert "<legend" in html and "Amt für Chancengleichheit" in html


@pytest.mark.parametrize("data,message", [
    ({"username": "koordination"}, "bereits vergeben"),
    ({"email": "kaputt"}, "E-Mail"),
    ({"first_name": "<img src=x onerror=alert(1)>"}, "HTML"),
    ({"role": "admin"}, "Auswahl"),
    ({"org_units": ["999999"]}, "Auswahl"),
])
def test_bad_member_input_changes_nothing(client_for, koordination, municipality, data, message):
    before = User.objects.count()
    payload = {"username": "neu", "email": "neu@example.org", "role": "lesend", **data}
    response = client_for(koordination).post(url("member_create", municipality), payload)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert User.objects.count() == before and not mail.outbox


def test_foreign_org_unit_id_in_member_form_is_refused(client_for, koordination, municipality, other_municipality):
    foreign = OrgUnitFactory(municipality=other_municipality, name="Fremd")
    response = client_for(koordination).post(url("member_create", municipality), {
        "username": "neu", "email": "neu@example.org", "role": "fachstelle", "org_units": [foreign.pk]})
    assert response.status_code == 200
    assert not User.objects.filter(username="neu").exists()


def test_change_role_and_assignments(client_for, koordination, fachstelle, municipality, other_amt):
    membership = Membership.objects.get(user=fachstelle)
    client = client_for(koordination)
    assert client.get(url("member_edit", municipality, pk=membership.pk)).status_code == 200
    response = client.post(url("member_edit", municipality, pk=membership.pk),
                           {"role": "fachstelle", "org_units": [other_amt.pk], "version": membership.version})
    assert response.status_code == 302
    assert list(membership.org_units.all()) == [other_amt]


def test_own_role_change_and_self_removal_are_refused(client_for, koordination, municipality):
    own = Membership.objects.get(user=koordination)
    client = client_for(koordination)
    response = client.post(url("member_edit", municipality, pk=own.pk), {"role": "lesend", "version": own.version})
    assert response.status_code == 200 and "eigene Rolle" in response.content.decode()
    response = client.post(url("member_delete", municipality, pk=own.pk), {"version": own.version})
    assert response.status_code == 200 and "nicht selbst" in response.content.decode()
    assert Membership.objects.get(pk=own.pk).role == Role.KOORDINATION


def test_remove_member_and_resend_invitation(client_for, koordination, lesend, municipality):
    membership = Membership.objects.get(user=lesend)
    client = client_for(koordination)
    client.post(url("member_edit", municipality, pk=membership.pk), {"action": "invite"})
    assert len(mail.outbox) == 1
    assert client.get(url("member_delete", municipality, pk=membership.pk)).status_code == 200
    client.post(url("member_delete", municipality, pk=membership.pk), {"version": membership.version})
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert client_for(lesend).get(url("structure", municipality)).status_code in (302, 404)


def test_platform_admin_adds_first_coordination(client_for, platform_admin, municipality):
    response = client_for(platform_admin).post(url("member_create", municipality), {
        "username": "erste", "email": "erste@example.org", "role": "koordination"})
    assert response.status_code == 302
    assert Membership.objects.get(user__username="erste.heidelberg").role == Role.KOORDINATION


# --- query counts ------------------------------------------------------------------------------------------


def _count_queries(client, target):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(target)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_structure_and_member_pages_run_fixed_queries(client_for, koordination, municipality):
    client = client_for(koordination)
    small = (_count_queries(client, url("structure", municipality)),
             _count_queries(client, url("member_list", municipality)))
    dezernate = [OrgUnitFactory(municipality=municipality, name=f"Dezernat {i}") for i in range(5)]
    units = [OrgUnitFactory(municipality=municipality, name=f"Amt {i}", parent=dezernate[i % 5]) for i in range(40)]
    orgs = [OrganisationFactory(municipality=municipality, name=f"Verein {i}") for i in range(30)]
    for i in range(25):
        member = MembershipFactory(municipality=municipality, user=UserFactory(), role=Role.FACHSTELLE)
        member.org_units.set(units[i:i + 2])
        member.organisations.set(orgs[i:i + 2])
    large = (_count_queries(client, url("structure", municipality)),
             _count_queries(client, url("member_list", municipality)))
    assert large == small
    assert max(large) <= 10
