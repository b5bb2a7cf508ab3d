"""One conflict mechanism: every object a person edits is saved and deleted against the version the form
showed (teilhabe.core.versioning), and a stale version raises the same ConcurrentEdit with the other
person's audit entries. Plans, editions, fields, goals and measures are covered in tests/plans."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from teilhabe.calendar import services as calendar_services
from teilhabe.calendar.models import CalendarSettings, DateOverride, OwnObservance
from teilhabe.core import services as core_services
from teilhabe.core.audit import history_of
from teilhabe.core.errors import ConcurrentEdit
from teilhabe.core.models import Membership, Organisation, OrgUnit
from teilhabe.core.roles import Actor, Role
from teilhabe.pages import services as page_services
from teilhabe.pages.models import LegalPage
from teilhabe.plans import services as plan_services
from teilhabe.plans.models import StatusOption, TargetGroup


def _own(actor: Actor, municipality: Any) -> OwnObservance:
    return calendar_services.create_own_observance(actor=actor, municipality=municipality, values={
        "key": "fest-der-kulturen", "names": {"de": "Fest der Kulturen"}, "own_community": "Stadtgesellschaft",
        "rule": OwnObservance.Rule.FIXED, "month": 6, "day": 20, "length_days": 1})


def _override(actor: Actor, municipality: Any) -> DateOverride:
    return calendar_services.set_date_override(actor=actor, municipality=municipality, observance_key="easter",
                                               year=2027, date=dt.date(2027, 3, 28), expected_version=0)


def _page(actor: Actor, municipality: Any) -> LegalPage:
    return page_services.save_legal_page(actor=actor, municipality=municipality, kind="impressum", language="de",
                                         title="Impressum", body="Erste Fassung", expected_version=0)


@dataclass(frozen=True)
class Case:
    make: Callable[[Actor, Any, Any], Any]  # (actor, municipality, fixtures) → the object
    update: Callable[[Actor, Any, int, str], Any]  # (actor, object, expected version, new text)
    read: Callable[[Any], str]  # the text as stored now
    delete: Callable[[Actor, Any, int], None] | None = None


CASES: dict[str, Case] = {
    "org unit": Case(
        lambda a, m, f: f["amt"],
        lambda a, o, v, t: core_services.update_org_unit(actor=a, unit=o, expected_version=v, name=t,
                                                         short_name="", kind=o.kind, parent=None),
        lambda o: OrgUnit.objects.get(pk=o.pk).name,
        lambda a, o, v: core_services.delete_org_unit(actor=a, unit=o, expected_version=v)),
    "organisation": Case(
        lambda a, m, f: f["verein"],
        lambda a, o, v, t: core_services.update_organisation(actor=a, organisation=o, expected_version=v, name=t,
                                                             kind=o.kind),
        lambda o: Organisation.objects.get(pk=o.pk).name,
        lambda a, o, v: core_services.delete_organisation(actor=a, organisation=o, expected_version=v)),
    "membership": Case(
        lambda a, m, f: Membership.objects.get(user=f["lesend"]),
        lambda a, o, v, t: core_services.update_member(actor=a, membership=o, expected_version=v,
                                                       role=Role.FACHSTELLE if t.endswith("1") else Role.KOORDINATION),
        lambda o: Membership.objects.get(pk=o.pk).role,
        lambda a, o, v: core_services.remove_member(actor=a, membership=o, expected_version=v)),
    "status option": Case(
        lambda a, m, f: plan_services.create_status_option(actor=a, municipality=m, label="erfüllt",
                                                           normalised="completed"),
        lambda a, o, v, t: plan_services.update_status_option(actor=a, option=o, expected_version=v, label=t,
                                                              normalised=o.normalised, colour=o.colour),
        lambda o: StatusOption.objects.get(pk=o.pk).label,
        lambda a, o, v: plan_services.delete_status_option(actor=a, option=o, expected_version=v)),
    "target group": Case(
        lambda a, m, f: plan_services.get_or_create_target_group(actor=a, municipality=m, name="Eltern"),
        lambda a, o, v, t: plan_services.update_target_group(actor=a, group=o, expected_version=v, name=t),
        lambda o: TargetGroup.objects.get(pk=o.pk).name,
        lambda a, o, v: plan_services.delete_target_group(actor=a, group=o, expected_version=v)),
    "calendar variants": Case(
        lambda a, m, f: calendar_services.set_variants(actor=a, municipality=m, expected_version=1, variants={}),
        lambda a, o, v, t: calendar_services.set_variants(
            actor=a, municipality=o.municipality, expected_version=v,
            variants={"islamic": "umm-al-qura" if t.endswith("1") else "diyanet", "nowruz": "fixed-21-march"}),
        lambda o: str(CalendarSettings.objects.get(pk=o.pk).variants.get("islamic"))),
    "date override": Case(
        lambda a, m, f: _override(a, m),
        lambda a, o, v, t: calendar_services.set_date_override(
            actor=a, municipality=o.municipality, observance_key=o.observance_key, year=o.year, date=o.date,
            note=t, expected_version=v),
        lambda o: DateOverride.objects.get(pk=o.pk).note,
        lambda a, o, v: calendar_services.delete_date_override(actor=a, override=o, expected_version=v)),
    "own observance": Case(
        lambda a, m, f: _own(a, m),
        lambda a, o, v, t: calendar_services.update_own_observance(actor=a, observance=o, expected_version=v,
                                                                   values={"description": t}),
        lambda o: OwnObservance.objects.get(pk=o.pk).description,
        lambda a, o, v: calendar_services.delete_own_observance(actor=a, observance=o, expected_version=v)),
    "legal page": Case(
        lambda a, m, f: _page(a, m),
        lambda a, o, v, t: page_services.save_legal_page(actor=a, municipality=o.municipality, kind=o.kind,
                                                         language=o.language, title=o.title, body=t,
                                                         expected_version=v),
        lambda o: LegalPage.objects.get(pk=o.pk).body),
}


@pytest.fixture
def fixtures(amt: Any, verein: Any, lesend: Any) -> dict[str, Any]:
    return {"amt": amt, "verein": verein, "lesend": lesend}


@pytest.mark.parametrize("kind", list(CASES))
def test_a_stale_save_is_refused_with_what_the_other_person_changed(kind, coord_actor, municipality, fixtures):
    case = CASES[kind]
    obj = case.make(coord_actor, municipality, fixtures)
    seen = obj.version
    saved = case.update(coord_actor, obj, seen, "Fassung 1")  # someone else saves first
    assert saved.version == seen + 1
    stored = case.read(obj)
    with pytest.raises(ConcurrentEdit) as caught:
        case.update(coord_actor, obj, seen, "Fassung 2")
    assert case.read(obj) == stored
    assert caught.value.current_version == seen + 1
    assert [e.version for e in caught.value.entries] == [seen + 1]
    assert caught.value.entries[0].changes  # readable [old, new] pairs
    # Against the current version the save goes through.
    case.update(coord_actor, obj, caught.value.current_version, "Fassung 2")
    assert case.read(obj) != stored


@pytest.mark.parametrize("kind", [k for k, c in CASES.items() if c.delete is not None])
def test_a_stale_delete_is_refused(kind, coord_actor, municipality, fixtures, plan):
    case = CASES[kind]
    obj = case.make(coord_actor, municipality, fixtures)
    if kind in ("org unit", "organisation"):  # the plan fixture's measures use them: make a fresh one
        obj = (core_services.create_org_unit(actor=coord_actor, municipality=municipality, name="Leer")
               if kind == "org unit" else
               core_services.create_organisation(actor=coord_actor, municipality=municipality, name="Leer"))
    seen = obj.version
    case.update(coord_actor, obj, seen, "Fassung 1")
    model = type(obj)
    with pytest.raises(ConcurrentEdit):
        case.delete(coord_actor, obj, seen)  # type: ignore[misc]
    assert model.objects.filter(pk=obj.pk).exists()
    case.delete(coord_actor, model.objects.get(pk=obj.pk), seen + 1)  # type: ignore[misc]
    assert not model.objects.filter(pk=obj.pk).exists()
    assert history_of(obj).first().action == "delete"


def test_a_save_that_changes_nothing_records_nothing(coord_actor, amt):
    before = history_of(amt).count()
    same = core_services.update_org_unit(actor=coord_actor, unit=amt, expected_version=amt.version, name=amt.name,
                                         short_name=amt.short_name, kind=amt.kind, parent=amt.parent)
    assert same.version == amt.version and history_of(amt).count() == before


def test_membership_assignments_are_audited_readably(coord_actor, municipality, fachstelle, other_amt, verein):
    membership = Membership.objects.get(user=fachstelle)
    core_services.update_member(actor=coord_actor, membership=membership, expected_version=membership.version,
                                role=Role.LESEND, org_units=[other_amt], organisations=[verein])
    entry = history_of(membership).first()
    assert entry.object_label == fachstelle.username
    assert entry.changes == {
        "role": ["Fachstelle", "Lesend"],
        "org_units": [["Amt für Chancengleichheit"], ["Amt für Schule und Bildung"]],
        "organisations": [[], ["Interkultureller Verein"]],
    }


def test_other_calendar_changes_do_not_make_the_variants_form_stale(coord_actor, municipality):
    seen = calendar_services.set_variants(actor=coord_actor, municipality=municipality, expected_version=1,
                                          variants={}).version
    calendar_services.hide_observance(actor=coord_actor, municipality=municipality, observance_key="ashura")
    _override(coord_actor, municipality)
    assert CalendarSettings.objects.get(municipality=municipality).version == seen + 2  # the cache key moved on
    saved = calendar_services.set_variants(actor=coord_actor, municipality=municipality, expected_version=seen,
                                           variants={"islamic": "umm-al-qura"})
    assert saved.variants == {"islamic": "umm-al-qura"} and saved.version == seen + 3


@pytest.mark.parametrize("make", [_override, _page], ids=["date override", "legal page"])
def test_a_keyed_object_someone_else_created_meanwhile_is_a_conflict(make, coord_actor, municipality):
    """A form opened when there was none (version 0) does not overwrite what someone else wrote since."""
    obj = make(coord_actor, municipality)
    with pytest.raises(ConcurrentEdit) as caught:
        make(coord_actor, municipality)
    assert caught.value.current_version == obj.version
    assert caught.value.entries[0].action == "create"
