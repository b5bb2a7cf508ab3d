"""Numbers, dates and field names as people read them (issue 7, item 3) on the edition comparison, the
measure history, the edition history and the audit log, in German and English; the German cost input; the
audit log's filters (who, what, when) with a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from teilhabe.core.models import AuditEntry
from teilhabe.core.roles import Role
from teilhabe.core.tenancy import actor_for
from teilhabe.plans import services
from teilhabe.plans.editions import open_edition_for_comment, start_new_edition
from teilhabe.plans.exchange import services as exchange
from teilhabe.plans.models import Edition, FieldOfAction, Measure
from tests.backoffice.measure_form import form_data
from tests.exchange.conftest import row, xlsx_bytes

RAW_NAMES = ["adopted_on", "council_reference", "predecessor", "datei", "massnahmen", "draft", "adopted",
             "cost_estimate", "start_date", "E+"]


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def in_english(client):
    client.cookies["django_language"] = "en"
    return client


def table_body(page: str, css_class: str) -> str:
    """The <tbody> of the table with `css_class`: history and audit rows, without navigation or forms."""
    start = page.index(css_class)
    return page[page.index("<tbody", start):page.index("</tbody>", start)]


def text_of(fragment: str) -> str:
    """What a person reads: the markup (and the addresses in it) left out."""
    return re.sub(r"<[^>]+>", " ", fragment)


def compared_edition(coord_actor, edition, own_measure) -> Edition:
    services.update_measure(actor=coord_actor, measure=own_measure, expected_version=own_measure.version,
                            values={"cost_estimate": Decimal("18000.00"), "start_date": dt.date(2027, 1, 4)})
    new = start_new_edition(actor=coord_actor, edition=edition, name="Fortschreibung 2027")
    copy = Measure.objects.get(edition=new, title=own_measure.title)
    services.update_measure(actor=coord_actor, measure=copy, expected_version=copy.version,
                            values={"cost_estimate": Decimal("12500.00"), "start_date": dt.date(2027, 3, 16)})
    return new


# --- edition comparison ------------------------------------------------------------------------------------


def test_comparison_shows_costs_and_dates_in_german(client_for, koordination, coord_actor, edition, own_measure,
                                                    url):
    new = compared_edition(coord_actor, edition, own_measure)
    page = html(client_for(koordination).get(url("edition_compare", old=edition.pk, new=new.pk)))
    changes = table_body(page, "compare-changes")
    assert "18.000 €" in changes and "12.500 €" in changes
    assert "4. Januar 2027" in changes and "16. März 2027" in changes
    assert "E+" not in changes and "1.8E+4" not in page


def test_comparison_shows_costs_and_dates_in_english(client_for, koordination, coord_actor, edition, own_measure,
                                                     url):
    new = compared_edition(coord_actor, edition, own_measure)
    page = html(in_english(client_for(koordination)).get(url("edition_compare", old=edition.pk, new=new.pk)))
    changes = table_body(page, "compare-changes")
    assert "€18,000" in changes and "€12,500" in changes
    assert "4 January 2027" in changes and "16 March 2027" in changes
    assert "E+" not in changes


# --- measure history and audit log -------------------------------------------------------------------------


@pytest.fixture
def changed_measure(coord_actor, own_measure) -> Measure:
    return services.update_measure(
        actor=coord_actor, measure=own_measure, expected_version=own_measure.version,
        values={"cost_estimate": Decimal("8000"), "end_date": dt.date(2027, 3, 16), "is_key_project": True})


def test_measure_history_in_german(client_for, lesend, changed_measure, url):
    page = html(client_for(lesend).get(url("measure_detail", pk=changed_measure.pk)))
    history = table_body(page, "history-table")
    assert "8.000 €" in history and "8E+3" not in history
    assert "16. März 2027" in history
    assert "Schlüsselprojekt" in history and "ja" in history
    assert "Geschätzte Kosten (EUR)" in history
    assert "cost_estimate" not in history and "end_date" not in history and "True" not in history


def test_measure_history_in_english(client_for, lesend, changed_measure, url):
    page = html(in_english(client_for(lesend)).get(url("measure_detail", pk=changed_measure.pk)))
    history = table_body(page, "history-table")
    assert "€8,000" in history and "16 March 2027" in history
    assert "8E+3" not in history and "yes" in history


def test_audit_log_in_german_and_english(client_for, lesend, changed_measure, url):
    client = client_for(lesend)
    rows = table_body(html(client.get(url("audit_log"))), "audit-table")
    assert "– → 8.000 €" in rows and "– → 16. März 2027" in rows and "8E+3" not in rows
    page = html(in_english(client).get(url("audit_log")))
    assert "Kind of entry" in page and "from (date)" in page
    rows = table_body(page, "audit-table")
    assert "– → €8,000" in rows and "– → 16 March 2027" in rows and "8E+3" not in rows


# --- the cost input ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["12.500,00", "12500.00", "12.500 €"])
def test_cost_input_in_german_is_saved_and_prefilled(client_for, koordination, own_measure, url, typed):
    client = client_for(koordination)
    response = client.post(url("measure_edit", pk=own_measure.pk), form_data(own_measure, cost_estimate=typed))
    assert response.status_code == 302, response.content.decode()[:2000]
    own_measure.refresh_from_db()
    assert own_measure.cost_estimate == Decimal("12500.00")
    form = html(client.get(url("measure_edit", pk=own_measure.pk)))
    assert re.search(r'name="cost_estimate"[^>]*value="12\.500,00"|value="12\.500,00"[^>]*name="cost_estimate"', form)


# --- no internal names after an adoption and an import -----------------------------------------------------


def test_no_internal_names_after_adoption_and_import(client_for, koordination, coord_actor, municipality, edition,
                                                     own_measure, url):
    draft = start_new_edition(actor=coord_actor, edition=edition, name="Fortschreibung 2027")
    data = xlsx_bytes([row(feld="Bildung und Sprachförderung", titel="Lesepaten", ziel="Bildungschancen verbessern",
                           lead="Amt für Chancengleichheit")])
    file = exchange.read_file(data, "liste.xlsx")
    exchange.import_plan(actor=coord_actor, municipality=municipality, draft=file,
                         target=exchange.Target(edition=draft))
    draft.refresh_from_db()
    open_edition_for_comment(actor=coord_actor, edition=draft, roles=[Role.LESEND], expected_version=draft.version)
    draft.refresh_from_db()
    services.update_edition(actor=coord_actor, edition=draft, expected_version=draft.version, values={
        "status": Edition.Status.ADOPTED, "adopted_on": dt.date(2027, 3, 16),
        "council_reference": "Drucksache 0042/2027"})
    client = client_for(koordination)
    pages = {
        "audit": table_body(html(client.get(url("audit_log"))), "audit-table"),
        "edition": html(client.get(url("edition_edit", pk=draft.pk))).split('id="verlauf"', 1)[1],
        "old edition": html(client.get(url("edition_edit", pk=edition.pk))).split('id="verlauf"', 1)[1],
    }
    pages = {name: text_of(text) for name, text in pages.items()}
    for name, text in pages.items():
        for raw in RAW_NAMES:
            assert not re.search(rf"(?<![\w-]){re.escape(raw)}(?![\w-])", text), (name, raw)
    edition_history = pages["edition"]
    assert "Beschlossen am" in edition_history and "16. März 2027" in edition_history
    assert "Beschluss (Drucksache)" in edition_history and "Drucksache 0042/2027" in edition_history
    assert "Entwurf → beschlossen" in edition_history
    assert "Vorgängerausgabe" in edition_history
    assert "Datei" in edition_history and "liste.xlsx" in edition_history and "Maßnahmen" in edition_history
    assert "beschlossen → archiviert" in pages["old edition"]
    # the same labels in English
    english = text_of(html(in_english(client).get(url("edition_edit", pk=draft.pk))).split('id="verlauf"', 1)[1])
    assert "16 March 2027" in english
    for raw in [name for name in RAW_NAMES if name not in ("draft", "adopted")]:  # English words in English
        assert not re.search(rf"(?<![\w-]){re.escape(raw)}(?![\w-])", english), raw
    assert "Draft → adopted" in english or "draft → adopted" in english


# --- audit log filters -------------------------------------------------------------------------------------


@pytest.fixture
def varied_log(coord_actor, koordination, fachstelle, own_measure, municipality):
    """Entries by Koordination (measure, field of action) and by the system, on two days."""
    services.update_measure(actor=actor_for(fachstelle, municipality), measure=own_measure,
                            expected_version=own_measure.version, values={"funding": "Land"})
    field = FieldOfAction.objects.filter(edition=own_measure.edition).first()
    services.update_field(actor=coord_actor, field=field, expected_version=field.version,
                          values={"description": "Neu"})
    old = AuditEntry.objects.filter(object_type="plans.fieldofaction").order_by("-id").first()
    AuditEntry.objects.filter(pk=old.pk).update(at=dt.datetime(2025, 1, 10, 12, tzinfo=dt.UTC))
    return {"fachstelle": fachstelle, "field": field, "field_entry": old}


def shown(response) -> list[AuditEntry]:
    return [v.entry for v in response.context["entries"]]


def test_audit_log_filters_by_who_what_and_when(client_for, lesend, koordination, varied_log, url):
    client = client_for(lesend)
    everything = shown(client.get(url("audit_log")))
    by_fachstelle = shown(client.get(url("audit_log", person=varied_log["fachstelle"].pk)))
    assert by_fachstelle and all(e.actor_id == varied_log["fachstelle"].pk for e in by_fachstelle)
    assert len(by_fachstelle) < len(everything)
    fields = shown(client.get(url("audit_log", object_type="plans.fieldofaction")))
    assert fields and {e.object_type for e in fields} == {"plans.fieldofaction"}
    updates = shown(client.get(url("audit_log", action="update")))
    assert updates and {e.action for e in updates} == {"update"}
    january = shown(client.get(url("audit_log", date_from="2025-01-01", date_to="2025-01-31")))
    assert january == [varied_log["field_entry"]]
    combined = shown(client.get(url("audit_log", person=koordination.pk, object_type="plans.measure",
                                    date_to="2025-01-31")))
    assert combined == []
    page = html(client.get(url("audit_log", object_type="plans.measure", action="update")))
    assert "Keine Einträge" not in page
    # the choices say what in German: "Maßnahme", "Handlungsfeld", and "geändert" for the action
    assert '<option value="plans.measure" selected>Maßnahme</option>' in page
    assert '<option value="plans.fieldofaction">Handlungsfeld</option>' in page
    assert '<option value="update" selected>geändert</option>' in page


def test_audit_log_filters_keep_pagination(client_for, lesend, coord_actor, plan, url):
    field = FieldOfAction.objects.get(title="Ausbildung und Arbeitsmarkt")
    for i in range(55):
        field = services.update_field(actor=coord_actor, field=field, expected_version=field.version,
                                      values={"description": f"Stand {i}"})
    client = client_for(lesend)
    first = client.get(url("audit_log", object_type="plans.fieldofaction", action="update"))
    assert first.context["page"].paginator.num_pages == 2
    assert "object_type=plans.fieldofaction&amp;action=update&amp;seite=2" in html(first)
    second = client.get(url("audit_log", object_type="plans.fieldofaction", action="update", seite=2))
    assert len(second.context["entries"]) == 5


@pytest.mark.parametrize("params", [
    {"person": "999999"}, {"person": "x"}, {"object_type": "auth.user"}, {"action": "explode"},
    {"date_from": "gestern"}, {"date_from": "2027-03-16", "date_to": "2027-01-01"}, {"seite": "-1"},
])
def test_audit_log_bad_filters_are_ignored(client_for, lesend, varied_log, url, params):
    response = client_for(lesend).get(url("audit_log", **params))
    assert response.status_code == 200
    assert len(response.context["entries"]) == AuditEntry.objects.count()


def test_audit_log_queries_do_not_grow_with_the_data(client_for, lesend, coord_actor, plan, url):
    client = client_for(lesend)
    params = {"object_type": "plans.fieldofaction", "action": "update", "date_from": "2020-01-01"}

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url("audit_log", **params)).status_code == 200
        return len(captured)

    def add(n: int) -> None:
        for field in FieldOfAction.objects.filter(edition__plan=plan):
            for i in range(n):
                field = services.update_field(actor=coord_actor, field=field, expected_version=field.version,
                                              values={"description": f"Stand {i}"})

    add(1)
    small = count()
    add(10)
    assert count() == small
