"""Fixtures of the exchange tests: workbooks are built here with openpyxl, never committed as binaries."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from openpyxl import Workbook

from teilhabe.core.models import AuditEntry, Municipality, Organisation, OrgUnit
from teilhabe.core.roles import Actor, Role
from teilhabe.core.tenancy import municipality_scope
from teilhabe.plans.models import Edition, FieldOfAction, Goal, Measure, Plan, StatusOption, TargetGroup
from tests.factories import MembershipFactory, MunicipalityFactory, UserFactory

HEADER = ["Handlungsfeld", "Ziel", "Maßnahme", "Beschreibung", "Federführung", "Partner", "Zielgruppen", "Beginn",
          "Ende", "Kosten", "Finanzierung", "Schlüsselprojekt", "Status", "Indikatoren"]


def xlsx_bytes(rows: Sequence[Sequence[Any]], header: Sequence[str] = HEADER,
               extra_sheets: dict[str, Sequence[Sequence[Any]]] | None = None) -> bytes:
    workbook = Workbook()
    ws = workbook.active
    ws.title = "Maßnahmen"
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    for name, sheet_rows in (extra_sheets or {}).items():
        sheet = workbook.create_sheet(name)
        for row in sheet_rows:
            sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def row(**values: Any) -> list[Any]:
    """A measure row by German header; missing columns stay empty."""
    names = {"feld": "Handlungsfeld", "ziel": "Ziel", "titel": "Maßnahme", "beschreibung": "Beschreibung",
             "lead": "Federführung", "partner": "Partner", "zielgruppen": "Zielgruppen", "beginn": "Beginn",
             "ende": "Ende", "kosten": "Kosten", "finanzierung": "Finanzierung", "schluessel": "Schlüsselprojekt",
             "status": "Status", "indikatoren": "Indikatoren"}
    by_header = {names[k]: v for k, v in values.items()}
    return [by_header.get(h) for h in HEADER]


def db_state(municipality: Municipality) -> dict[str, int]:
    """Counts of everything an import could write, to prove that nothing changed."""
    with municipality_scope(municipality):
        return {
            model.__name__: model.objects.count()
            for model in (Plan, Edition, FieldOfAction, Goal, Measure, OrgUnit, Organisation, TargetGroup,
                          StatusOption, AuditEntry)
        }


@pytest.fixture
def xlsx() -> Callable[..., bytes]:
    return xlsx_bytes


@pytest.fixture
def empty_municipality(db: Any) -> Municipality:
    return MunicipalityFactory(name="Waiblingen", slug="waiblingen", ags="08119079", land="BW")


@pytest.fixture
def empty_actor(empty_municipality: Municipality) -> Actor:
    user = UserFactory(username="koordination-wn")
    with municipality_scope(empty_municipality):
        MembershipFactory(municipality=empty_municipality, user=user, role=Role.KOORDINATION)
    return Actor(user_id=user.pk, municipality_id=empty_municipality.pk, role=Role.KOORDINATION)


@pytest.fixture
def rich_edition(edition: Edition, coord_actor: Actor, municipality: Municipality) -> Edition:
    """The shared small plan plus every attribute the exchange must carry: dates, cost, partners of both
    kinds, target groups, indicators, links, a nested org unit, a goal without measures, descriptions."""
    import datetime as dt
    from decimal import Decimal

    from teilhabe.core import services as core_services
    from teilhabe.plans import services as plan_services

    dezernat = core_services.create_org_unit(actor=coord_actor, municipality=municipality, name="Dezernat III",
                                             kind=OrgUnit.Kind.DEZERNAT)
    abteilung = core_services.create_org_unit(actor=coord_actor, municipality=municipality,
                                              name="Abteilung Integration", short_name="AI",
                                              kind=OrgUnit.Kind.ABTEILUNG, parent=dezernat)
    vhs = core_services.create_organisation(actor=coord_actor, municipality=municipality, name="Volkshochschule",
                                            kind=Organisation.Kind.EDUCATION, website="https://vhs.example.org")
    field = FieldOfAction.objects.get(edition=edition, title="Ausbildung und Arbeitsmarkt")
    plan_services.update_field(actor=coord_actor, field=field, expected_version=field.version,
                               values={"description": "Übergänge Schule–Beruf", "colour": "#15803d"})
    leit = plan_services.create_goal(actor=coord_actor, field=field, title="Ausbildung sichern",
                                     description="Mehr Ausbildungsplätze für Geflüchtete")
    betriebe = plan_services.create_goal(actor=coord_actor, field=field, parent=leit, title="Betriebe gewinnen")
    plan_services.create_goal(actor=coord_actor, field=field, parent=leit, title="Ohne Maßnahmen",
                              description="Ein Ziel, dem noch nichts zugeordnet ist")
    groups = [plan_services.get_or_create_target_group(actor=coord_actor, municipality=municipality, name=n)
              for n in ("Eltern", "Geflüchtete")]
    status = StatusOption.objects.of(municipality).get(label="in Umsetzung")
    plan_services.create_measure(actor=coord_actor, edition=edition, values={
        "reference": "2.1", "title": "Berufssprachkurse", "description": "Kurse B1–C1\nmit Kinderbetreuung",
        "field": field, "goals": [leit, betriebe], "lead_org_unit": abteilung,
        "partner_org_units": [dezernat], "partner_organisations": [vhs], "target_groups": groups,
        "start_date": dt.date(2025, 3, 1), "end_date": dt.date(2026, 12, 31), "cost_estimate": Decimal("12500.50"),
        "funding": "Landesprogramm; Eigenmittel", "is_key_project": True, "status": status,
        "gender_diversity_note": "Kurse auch vormittags für Mütter", "indicators": ["Teilnehmende", "Abschlüsse"],
        "links": ["https://example.org/kurse"]})
    plan_services.create_measure(actor=coord_actor, edition=edition, values={
        "title": "Jobmesse", "field": field, "goals": [leit], "lead_organisation": vhs,
        "start_date": dt.date(2025, 1, 1), "status": status})
    return edition
