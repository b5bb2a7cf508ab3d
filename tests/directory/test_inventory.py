"""The inventory of offers: a round, the organisations it asks, their answers (confirming sets the date, new
offers are recorded), reminders by mail before the deadline (a real SMTP server), the analysis with its gaps,
and the Excel export."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from teilhabe.core.errors import NotAllowed, ServiceError
from teilhabe.core.models import Municipality, Organisation
from teilhabe.core.roles import Actor, Role
from teilhabe.core.tenancy import actor_for
from teilhabe.directory import notifications, selectors, services
from teilhabe.directory.models import InventoryResponse, InventoryRound, Offer
from tests.directory.conftest import make_offer
from tests.factories import OrganisationFactory


def _round(actor: Actor, municipality: Municipality, days: int = 14, remind: int = 7) -> InventoryRound:
    return services.open_inventory_round(actor=actor, municipality=municipality, title="Bestand 2026",
                                         deadline=timezone.localdate() + dt.timedelta(days=days),
                                         remind_days_before=remind)


def test_asked_organisations(offers: list[Offer], municipality: Municipality, verein: Organisation,
                             make_member: Any) -> None:
    silent = OrganisationFactory(municipality=municipality, name="Ohne Kontakt")
    member_org = OrganisationFactory(municipality=municipality, name="Mit Mitglied")
    make_member(municipality, Role.FACHSTELLE, "m", organisations=(member_org,))
    asked = selectors.asked_organisations(municipality)
    assert verein in asked and member_org in asked and silent not in asked


def test_answer_confirms_and_records_new_offers(offers: list[Offer], municipality: Municipality,
                                                coord_actor: Actor, verein: Organisation, make_member: Any) -> None:
    user = make_member(municipality, Role.FACHSTELLE, "mso", organisations=(verein,))
    mso = actor_for(user, municipality)
    round_ = _round(coord_actor, municipality)
    new = make_offer(mso, municipality, "Neues Angebot", provider_organisation=verein, district="Altstadt")
    old = offers[0]
    response = services.answer_inventory(actor=mso, round_=round_, organisation=verein, expected_version=0,
                                         confirmed_offers=[old, new])
    old.refresh_from_db()
    assert old.last_confirmed == timezone.localdate()
    assert list(response.new_offers.all()) == [new]
    with pytest.raises(ValidationError):  # a foreign offer
        services.answer_inventory(actor=mso, round_=round_, organisation=verein,
                                  expected_version=response.version, confirmed_offers=[offers[1]])
    with pytest.raises(ValidationError):  # nothing confirmed and not "no offers"
        services.answer_inventory(actor=mso, round_=round_, organisation=verein,
                                  expected_version=response.version, confirmed_offers=[])
    other = OrganisationFactory(municipality=municipality, name="Anderer")
    with pytest.raises(NotAllowed):
        services.answer_inventory(actor=mso, round_=round_, organisation=other, expected_version=0,
                                  confirmed_offers=[], no_offers=True)
    services.close_inventory_round(actor=coord_actor, round_=round_, expected_version=round_.version)
    with pytest.raises(ServiceError):
        services.answer_inventory(actor=coord_actor, round_=round_, organisation=other, expected_version=0,
                                  confirmed_offers=[], no_offers=True)
    assert InventoryResponse.objects.count() == 1


def test_reminder_goes_to_those_who_have_not_answered(
        smtp_server: Any, run_tasks: Any, offers: list[Offer], municipality: Municipality, coord_actor: Actor,
        verein: Organisation, make_member: Any, django_capture_on_commit_callbacks: Any) -> None:
    answered = OrganisationFactory(municipality=municipality, name="Schon geantwortet")
    make_member(municipality, Role.FACHSTELLE, "fertig", organisations=(answered,))
    with django_capture_on_commit_callbacks(execute=True):
        round_ = _round(coord_actor, municipality, days=3, remind=7)  # the reminder is due at once
    services.answer_inventory(actor=coord_actor, round_=round_, organisation=answered, expected_version=0,
                              confirmed_offers=[], no_offers=True)
    run_tasks()
    messages = smtp_server.wait_for(1)
    assert [m["To"] for m in messages] == ["kurse@verein.example"]
    body = messages[0].get_content()
    assert "Interkultureller Verein" in body and f"/heidelberg/intern/bestandsaufnahme/{round_.pk}/" in body
    assert "Bestandsaufnahme der Angebote" in messages[0]["Subject"]
    # once only
    result = notifications.send_due_reminders(municipality)
    assert result.mails == 0


def test_no_reminder_before_it_is_due(offers: list[Offer], municipality: Municipality, coord_actor: Actor,
                                      smtp_server: Any) -> None:
    _round(coord_actor, municipality, days=30, remind=7)
    assert notifications.send_due_reminders(municipality).mails == 0
    assert smtp_server.messages() == []


def test_inventory_shows_gaps(offers: list[Offer], municipality: Municipality) -> None:
    inventory = selectors.inventory(municipality, languages_of_interest=["de", "fa", "ar"])
    assert inventory.total == 4
    assert "Bergheim" in inventory.districts and "online" in inventory.districts
    # counselling (Beratung) exists in Farsi only in the Weststadt: a gap in Bergheim
    assert "fa" in inventory.gaps[("Beratung", "Bergheim")]
    assert ("Beratung", "Weststadt") not in inventory.gaps or "fa" not in inventory.gaps[("Beratung", "Weststadt")]
    # Sprache: Arabic in Bergheim; Ukrainian online counts everywhere
    assert "ar" not in inventory.gaps.get(("Sprache", "Bergheim"), [])
    assert "uk" not in inventory.gaps.get(("Sprache", "Weststadt"), [])
    assert ("Sprache und Bildung", "Bergheim") in inventory.by_field_district


def test_inventory_pages_and_export(offers: list[Offer], koordination: Any, client_for: Any,
                                   municipality: Municipality, coord_actor: Actor, verein: Organisation,
                                   django_assert_max_num_queries: Any) -> None:
    client = client_for(koordination)
    kw = {"municipality": "heidelberg"}
    response = client.post(reverse("backoffice:inventory_create", kwargs=kw), {
        "title": "Bestand", "deadline": (timezone.localdate() + dt.timedelta(days=20)).isoformat(),
        "message": "Bitte bis Ende des Monats.", "remind_days_before": "7"})
    assert response.status_code == 302
    round_ = InventoryRound.objects.get()
    detail = client.get(reverse("backoffice:inventory_detail", kwargs={**kw, "pk": round_.pk})).content.decode()
    assert "Interkultureller Verein" in detail and "noch offen" in detail
    answer_url = reverse("backoffice:inventory_answer", kwargs={**kw, "pk": round_.pk})
    assert client.get(answer_url, {"organisation": verein.pk}).status_code == 200
    response = client.post(f"{answer_url}?organisation={verein.pk}", {
        "version": "0", "confirmed_offers": [offers[0].pk]})
    assert response.status_code == 302
    assert InventoryResponse.objects.get().confirmed_offers.get() == offers[0]
    with django_assert_max_num_queries(14):
        page = client.get(reverse("backoffice:inventory_analysis", kwargs=kw))
    text = page.content.decode()
    assert page.status_code == 200 and "Lücken" in text and "angebote-diagramm" in text
    # Farsi: counselling in the Weststadt only, so a gap in Bergheim
    farsi = client.get(reverse("backoffice:inventory_analysis", kwargs=kw), {"sprache": "fa"}).content.decode()
    assert "Angebote auf فارسی je Kategorie" in farsi and "Lücke</strong>" in farsi
    export = client.get(reverse("backoffice:inventory_export", kwargs=kw))
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(export.content))
    assert workbook.sheetnames[0] == "Angebote" and "Lücken" in workbook.sheetnames
    titles = [row[0] for row in workbook["Angebote"].iter_rows(min_row=2, values_only=True)]
    assert "Deutschkurs A1 am Abend" in titles


def test_command_sends_due_reminders(smtp_server: Any, offers: list[Offer], municipality: Municipality,
                                     coord_actor: Actor) -> None:
    from io import StringIO

    from django.core.management import call_command

    from teilhabe.core.tenancy import no_municipality

    _round(coord_actor, municipality, days=2, remind=7)
    out = StringIO()
    with no_municipality():
        call_command("send_inventory_reminders", "heidelberg", stdout=out)
    assert "heidelberg: 1 E-Mail(s) gesendet" in out.getvalue()
    assert [m["To"] for m in smtp_server.wait_for(1)] == ["kurse@verein.example"]
