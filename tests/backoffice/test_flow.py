"""The back-office flow kit (teilhabe.backoffice.flow): confirming deletions against the version shown, an
object deleted while someone edits it, a stale or tampered form, and the date override form that names the
override it was opened for."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from teilhabe.calendar import services as calendar_services
from teilhabe.calendar.models import DateOverride
from teilhabe.core import services as core_services
from teilhabe.core.models import Membership, OrgUnit
from teilhabe.plans import services as plan_services
from teilhabe.plans.models import StatusOption, TargetGroup

CONFLICT = "Das hat die andere Person geändert:"


def url(name: str, municipality: Any, **kwargs: Any) -> str:
    return reverse(f"backoffice:{name}", kwargs={"municipality": municipality.slug, **kwargs})


def messages_of(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def _unit(actor: Any, municipality: Any) -> OrgUnit:
    return core_services.create_org_unit(actor=actor, municipality=municipality, name="Leer")


def _status(actor: Any, municipality: Any) -> StatusOption:
    return plan_services.create_status_option(actor=actor, municipality=municipality, label="erfüllt",
                                              normalised="completed")


def _group(actor: Any, municipality: Any) -> TargetGroup:
    return plan_services.get_or_create_target_group(actor=actor, municipality=municipality, name="Eltern")


DELETABLE = {
    "org unit": ("orgunit_delete", _unit, lambda a, o: core_services.update_org_unit(
        actor=a, unit=o, expected_version=o.version, name="Umbenannt", short_name="", kind=o.kind, parent=None)),
    "status option": ("status_delete", _status, lambda a, o: plan_services.update_status_option(
        actor=a, option=o, expected_version=o.version, label="Umbenannt", normalised=o.normalised,
        colour=o.colour)),
    "target group": ("targetgroup_delete", _group, lambda a, o: plan_services.update_target_group(
        actor=a, group=o, expected_version=o.version, name="Umbenannt")),
}


@pytest.mark.parametrize("kind", list(DELETABLE))
def test_a_deletion_confirmed_against_a_stale_version_asks_again(kind, client_for, koordination, coord_actor,
                                                                 municipality):
    name, make, change = DELETABLE[kind]
    obj = make(coord_actor, municipality)
    client = client_for(koordination)
    page = client.get(url(name, municipality, pk=obj.pk)).content.decode()
    assert f'name="version" value="{obj.version}"' in page
    change(coord_actor, obj)
    answer = client.post(url(name, municipality, pk=obj.pk), {"version": obj.version})
    assert answer.status_code == 200
    html = answer.content.decode()
    assert CONFLICT in html and "Umbenannt" in html and "bestätigen Sie das Löschen erneut" in html
    assert type(obj).objects.filter(pk=obj.pk).exists()
    assert f'name="version" value="{obj.version + 1}"' in html  # asks again, against the current version
    done = client.post(url(name, municipality, pk=obj.pk), {"version": obj.version + 1})
    assert done.status_code == 302 and not type(obj).objects.filter(pk=obj.pk).exists()


def test_a_member_removed_against_a_stale_version_is_kept(client_for, koordination, coord_actor, municipality,
                                                          lesend, amt):
    membership = Membership.objects.get(user=lesend)
    core_services.update_member(actor=coord_actor, membership=membership, expected_version=membership.version,
                                role="fachstelle", org_units=[amt])
    answer = client_for(koordination).post(url("member_delete", municipality, pk=membership.pk),
                                           {"version": membership.version})
    assert answer.status_code == 200 and CONFLICT in answer.content.decode()
    assert "Amt für Chancengleichheit" in answer.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_editing_what_someone_else_deleted_leads_back_with_a_message(rf, municipality, amt):
    """The edit page of a deleted object is a 404; a save racing with the deletion ends on `gone_url`."""
    from django.contrib.messages import get_messages
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.signed_cookies import SessionStore

    from teilhabe.backoffice import flow
    from teilhabe.backoffice.core.forms import OrgUnitForm
    from teilhabe.core.errors import ConcurrentEdit

    request = rf.post("/", {"name": "X", "kind": "amt", "version": "1"})
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    form = OrgUnitForm(request.POST, municipality=municipality)

    def deleted_meanwhile() -> None:
        raise ConcurrentEdit("„Amt“ wurde inzwischen von jemand anderem gelöscht.", entries=[], current_version=0)

    answer = flow.submit(request, form, deleted_meanwhile, success="gespeichert", next_url="/weiter/",
                         gone_url="/liste/")
    assert answer is not None and answer.status_code == 302 and answer["Location"] == "/liste/"
    assert [str(m) for m in get_messages(request)] == ["„Amt“ wurde inzwischen von jemand anderem gelöscht."]


def test_calendar_deletions_are_confirmed_against_the_version_shown(client_for, koordination, coord_actor,
                                                                    municipality):
    own = calendar_services.create_own_observance(actor=coord_actor, municipality=municipality, values={
        "key": "tag-x", "names": {"de": "Tag X"}, "own_community": "Verein", "rule": "fixed", "month": 5, "day": 3,
        "length_days": 1})
    override = calendar_services.set_date_override(actor=coord_actor, municipality=municipality, observance_key="tag-x",
                                                   year=2027, date=dt.date(2027, 5, 4), expected_version=0)
    calendar_services.update_own_observance(actor=coord_actor, observance=own, expected_version=own.version,
                                            values={"description": "Neu"})
    client = client_for(koordination)
    answer = client.post(url("calendar_own_delete", municipality), {"kennung": "tag-x", "version": own.version})
    assert answer.status_code == 200 and CONFLICT in answer.content.decode()
    assert 'name="kennung" value="tag-x"' in answer.content.decode()  # the confirmation names the object again
    calendar_services.set_date_override(actor=coord_actor, municipality=municipality, observance_key="tag-x",
                                        year=2027, date=dt.date(2027, 5, 5), expected_version=override.version)
    answer = client.post(url("calendar_override_delete", municipality),
                         {"observance_key": "tag-x", "jahr": "2027", "version": override.version})
    assert answer.status_code == 200 and CONFLICT in answer.content.decode()
    assert "5. Mai 2027" in answer.content.decode()  # the date the other person entered
    assert DateOverride.objects.filter(pk=override.pk).exists()
    again = client.post(url("calendar_override_delete", municipality),
                        {"observance_key": "tag-x", "jahr": "2027", "version": override.version + 1})
    assert again.status_code == 302 and not DateOverride.objects.exists()


@pytest.mark.parametrize("version", ["", "abc", "-1"])
def test_a_missing_or_tampered_version_is_an_error_above_the_form(version, client_for, koordination,
                                                                  municipality, amt):
    data = {"name": "Neu", "kind": "amt"}
    if version:
        data["version"] = version
    answer = client_for(koordination).post(url("orgunit_edit", municipality, pk=amt.pk), data)
    assert answer.status_code == 200 and "veraltet" in answer.content.decode()
    assert OrgUnit.objects.get(pk=amt.pk).name == "Amt für Chancengleichheit"


def test_a_date_override_form_moved_to_another_day_does_not_overwrite_unseen_dates(client_for, koordination,
                                                                                   coord_actor, municipality):
    calendar_services.set_date_override(actor=coord_actor, municipality=municipality, observance_key="easter",
                                        year=2028, date=dt.date(2028, 4, 16), note="von Ben", expected_version=0)
    client = client_for(koordination)
    # Anna opens the form for 2027 (no override there) and changes the year to 2028.
    page = client.get(url("calendar_override", municipality), {"key": "easter", "jahr": "2027"}).content.decode()
    assert 'name="opened_for" value="easter:2027"' in page
    data = {"observance_key": "easter", "year": "2028", "date": "2028-04-17", "note": "von Anna", "version": "0",
            "opened_for": "easter:2027"}
    answer = client.post(url("calendar_override", municipality), data)
    assert answer.status_code == 200 and CONFLICT in answer.content.decode() and "von Ben" in answer.content.decode()
    assert DateOverride.objects.get(year=2028).note == "von Ben"
    html = answer.content.decode()
    assert 'name="opened_for" value="easter:2028"' in html and 'name="version" value="1"' in html
    # Saving the form as shown now replaces the override she has seen.
    saved = client.post(url("calendar_override", municipality), {**data, "opened_for": "easter:2028", "version": "1"})
    assert saved.status_code == 302 and DateOverride.objects.get(year=2028).note == "von Anna"


def test_a_date_override_deleted_meanwhile_is_simply_created_again(client_for, koordination, coord_actor,
                                                                   municipality):
    override = calendar_services.set_date_override(
        actor=coord_actor, municipality=municipality, observance_key="easter", year=2027, date=dt.date(2027, 3, 28),
        expected_version=0)
    client = client_for(koordination)
    client.get(url("calendar_override", municipality), {"key": "easter", "jahr": "2027"})
    calendar_services.delete_date_override(actor=coord_actor, override=override, expected_version=override.version)
    data = {"observance_key": "easter", "year": "2027", "date": "2027-03-29", "note": "", "version": "1",
            "opened_for": "easter:2027"}
    answer = client.post(url("calendar_override", municipality), data)
    assert answer.status_code == 200 and "gelöscht" in answer.content.decode()
    assert 'name="version" value="0"' in answer.content.decode()
    assert client.post(url("calendar_override", municipality), {**data, "version": "0"}).status_code == 302
    assert DateOverride.objects.get().date == dt.date(2027, 3, 29)
