"""The chronicle's pages: the back office list (proposals on top, confirm, dismiss, form, bad input), the public
timeline (years, `<time>`, kinds as words, links) and its Atom feed; each with a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from teilhabe.core.models import Municipality, User
from teilhabe.core.roles import Actor
from teilhabe.core.tenancy import municipality_scope
from teilhabe.participation.models import Meeting, Milestone
from teilhabe.participation.services import chronicle as services
from teilhabe.plans.models import Edition

D = dt.date
ATOM = "{http://www.w3.org/2005/Atom}"


def _url(municipality: Municipality, name: str, **kwargs: Any) -> str:
    return reverse(name, kwargs={"municipality": municipality.slug, **kwargs})


def _make(actor: Actor, municipality: Municipality, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        services.create_milestone(actor=actor, municipality=municipality, values={
            "date": D(2000 + i % 20, 1 + i % 12, 1), "title": f"Station {i}", "kind": Milestone.Kind.EVENT,
            "text": f"Text {i}"})


# --- back office --------------------------------------------------------------------------------------------


def test_the_list_proposes_and_shows_proposals_on_top(municipality: Municipality, edition: Edition,
                                                      coord_actor: Actor, koordination: User,
                                                      client_for: Callable[..., Any]) -> None:
    services.create_milestone(actor=coord_actor, municipality=municipality,
                              values={"date": D(2015, 3, 13), "title": "Beitritt zur Städtekoalition"})
    html = client_for(koordination).get(_url(municipality, "backoffice:participation_chronicle_list")).content.decode()
    assert html.index("Ein Vorschlag von Teilhabe") < html.index("In der Chronik")
    assert "„Kommunaler Integrationsplan“ beschlossen" in html
    assert 'datetime="2024-03-14"' in html
    assert "Beitritt zur Städtekoalition" in html
    assert Milestone.objects.filter(state=Milestone.State.PROPOSED).count() == 1


def test_lesend_reads_without_proposing(municipality: Municipality, edition: Edition, lesend: User,
                                        client_for: Callable[..., Any]) -> None:
    response = client_for(lesend).get(_url(municipality, "backoffice:participation_chronicle_list"))
    assert response.status_code == 200
    assert not Milestone.objects.exists()
    assert "Meilenstein anlegen" not in response.content.decode()


def test_confirm_and_dismiss_buttons(municipality: Municipality, edition: Edition, coord_actor: Actor,
                                     koordination: User, client_for: Callable[..., Any]) -> None:
    starts = timezone.now() - dt.timedelta(days=2)
    Meeting.objects.create(municipality=municipality, title="Bürgerforum", kind=Meeting.Kind.CITIZENS_FORUM,
                           starts_at=starts, ends_at=starts + dt.timedelta(hours=2), is_public=True)
    client = client_for(koordination)
    client.get(_url(municipality, "backoffice:participation_chronicle_list"))
    plan_m = Milestone.objects.get(edition=edition)
    forum_m = Milestone.objects.get(meeting__isnull=False)
    answer = client.post(_url(municipality, "backoffice:participation_chronicle_confirm", pk=plan_m.pk),
                         {"version": plan_m.version})
    assert answer.status_code == 302
    client.post(_url(municipality, "backoffice:participation_chronicle_dismiss", pk=forum_m.pk),
                {"version": forum_m.version})
    assert Milestone.objects.get(pk=plan_m.pk).state == Milestone.State.PUBLISHED
    assert Milestone.objects.get(pk=forum_m.pk).state == Milestone.State.DISMISSED
    # A stale version changes nothing and says so.
    answer = client.post(_url(municipality, "backoffice:participation_chronicle_confirm", pk=forum_m.pk),
                         {"version": forum_m.version}, follow=True)
    assert Milestone.objects.get(pk=forum_m.pk).state == Milestone.State.DISMISSED
    assert "geändert" in answer.content.decode() or "veraltet" in answer.content.decode()
    # Dismissed stays dismissed when the list opens again.
    html = client.get(_url(municipality, "backoffice:participation_chronicle_list")).content.decode()
    assert "Ein verworfener Vorschlag" in html
    assert Milestone.objects.count() == 2


def test_create_through_the_form(municipality: Municipality, edition: Edition, koordination: User,
                                 client_for: Callable[..., Any]) -> None:
    client = client_for(koordination)
    url = _url(municipality, "backoffice:participation_chronicle_create")
    assert client.get(url).status_code == 200
    answer = client.post(url, {
        "date": "2014-09-24", "end_date": "2014-09-29", "precision": "day", "kind": "participation",
        "title": "Zweite Fokusgruppenrunde", "text": "In den vier Fokusgruppen …", "edition": str(edition.pk),
        "meeting": "", "reporting_round": "", "document_url": "", "document_label": ""})
    assert answer.status_code == 302
    milestone = Milestone.objects.get()
    assert (milestone.date, milestone.end_date, milestone.edition) == (D(2014, 9, 24), D(2014, 9, 29), edition)


def test_form_refuses_bad_input_and_changes_nothing(municipality: Municipality, other_municipality: Municipality,
                                                    edition: Edition, koordination: User,
                                                    client_for: Callable[..., Any]) -> None:
    with municipality_scope(other_municipality):
        starts = timezone.now()
        foreign = Meeting.objects.create(municipality=other_municipality, title="Fremd", starts_at=starts,
                                         ends_at=starts)
    client = client_for(koordination)
    url = _url(municipality, "backoffice:participation_chronicle_create")
    base = {"date": "2014-09-29", "end_date": "", "precision": "day", "kind": "participation",
            "title": "Runde", "text": "", "edition": "", "meeting": "", "reporting_round": "",
            "document_url": "", "document_label": ""}
    for bad, field_message in [
        ({"end_date": "2014-09-24"}, "Das Ende des Zeitraums liegt vor seinem Beginn."),
        ({"title": "<script>alert(1)</script>"}, ""),
        ({"meeting": str(foreign.pk)}, ""),
        ({"edition": "999999999"}, ""),
        ({"date": "1850-01-01"}, "Bitte geben Sie ein Datum zwischen 1900 und 2200 an."),
        ({"text": '<p><a href="https://example.org">hier</a></p>'}, "sagt nicht, wohin der Link führt"),
    ]:
        answer = client.post(url, {**base, **bad})
        assert answer.status_code == 200, bad
        html = answer.content.decode()
        assert "kern-error" in html, bad
        if field_message:
            assert field_message in html, bad
    assert not Milestone.objects.exists()


def test_delete_asks_first(municipality: Municipality, coord_actor: Actor, koordination: User,
                           client_for: Callable[..., Any]) -> None:
    milestone = services.create_milestone(actor=coord_actor, municipality=municipality,
                                          values={"date": D(2015, 3, 13), "title": "Beitritt"})
    client = client_for(koordination)
    url = _url(municipality, "backoffice:participation_chronicle_delete", pk=milestone.pk)
    assert "Soll der Meilenstein „Beitritt“ gelöscht werden?" in client.get(url).content.decode()
    assert client.post(url, {"version": milestone.version}).status_code == 302
    assert not Milestone.objects.exists()


def _count(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_back_office_list_queries_do_not_grow(municipality: Municipality, coord_actor: Actor, koordination: User,
                                              client_for: Callable[..., Any]) -> None:
    client = client_for(koordination)
    url = _url(municipality, "backoffice:participation_chronicle_list")
    _make(coord_actor, municipality, 5)
    small = _count(client, url)
    _make(coord_actor, municipality, 10, start=5)
    assert _count(client, url) == small


# --- portal --------------------------------------------------------------------------------------------------


def test_public_timeline(municipality: Municipality, edition: Edition, coord_actor: Actor,
                         client_for: Callable[..., Any]) -> None:
    services.create_milestone(actor=coord_actor, municipality=municipality, values={
        "date": D(2014, 9, 24), "end_date": D(2014, 9, 29), "title": "Zweite Fokusgruppenrunde",
        "kind": Milestone.Kind.PARTICIPATION, "text": "In den vier Fokusgruppen …"})
    services.create_milestone(actor=coord_actor, municipality=municipality, values={
        "date": D(2011, 2, 10), "title": "Integrationsplan einstimmig verabschiedet", "edition": edition,
        "kind": Milestone.Kind.COUNCIL_DECISION, "document_url": "https://example.org/kip.pdf",
        "document_label": "Der Integrationsplan (PDF)"})
    services.propose_milestones(municipality)  # nothing public: the edition is told of already
    html = client_for(None).get(_url(municipality, "portal:participation_chronicle")).content.decode()
    assert html.index('id="jahr-2014"') < html.index('id="jahr-2011"')
    assert '<time datetime="2014-09-24">24.</time> bis <time datetime="2014-09-29">29. September 2014</time>' in html
    assert "Ratsbeschluss" in html and "Beteiligung" in html  # the kind as a word
    assert 'href="/heidelberg/plan/"' in html
    assert 'href="https://example.org/kip.pdf"' in html
    assert "<ol" in html and 'type="application/atom+xml"' in html


def test_links_to_the_public_meeting_and_report(municipality: Municipality, edition: Edition, coord_actor: Actor,
                                                client_for: Callable[..., Any]) -> None:
    from teilhabe.reporting import services as reporting_services

    starts = timezone.now() - dt.timedelta(days=2)
    public = Meeting.objects.create(municipality=municipality, title="Bürgerforum", is_public=True,
                                    starts_at=starts, ends_at=starts + dt.timedelta(hours=2))
    internal = Meeting.objects.create(municipality=municipality, title="Interne Runde", starts_at=starts,
                                      ends_at=starts + dt.timedelta(hours=2))
    round_ = reporting_services.open_round(actor=coord_actor, edition=edition, title="Bericht 2025",
                                           period_start=D(2025, 1, 1), period_end=D(2025, 12, 31),
                                           deadline=D.today() + dt.timedelta(days=14))
    round_ = reporting_services.close_round(actor=coord_actor, round_=round_, expected_version=round_.version).round
    reporting_services.publish_round(actor=coord_actor, round_=round_, expected_version=round_.version,
                                     publish=True)
    for meeting in (public, internal):
        services.create_milestone(actor=coord_actor, municipality=municipality,
                                  values={"date": D(2025, 5, 1), "title": meeting.title, "meeting": meeting})
    services.create_milestone(actor=coord_actor, municipality=municipality,
                              values={"date": D(2026, 1, 1), "title": "Bericht", "reporting_round": round_})
    html = client_for(None).get(_url(municipality, "portal:participation_chronicle")).content.decode()
    assert f'href="/heidelberg/beteiligung/sitzungen/{public.pk}/"' in html
    assert f"/beteiligung/sitzungen/{internal.pk}/" not in html
    assert f'href="/heidelberg/umsetzung/#runde-{round_.pk}"' in html


def test_public_timeline_shows_only_published(municipality: Municipality, edition: Edition,
                                              client_for: Callable[..., Any]) -> None:
    services.propose_milestones(municipality)
    html = client_for(None).get(_url(municipality, "portal:participation_chronicle")).content.decode()
    assert "beschlossen" not in html
    assert "noch keine Meilensteine" in html


def test_public_timeline_queries_do_not_grow(municipality: Municipality, coord_actor: Actor,
                                             client_for: Callable[..., Any]) -> None:
    client = client_for(None)
    url = _url(municipality, "portal:participation_chronicle")
    _make(coord_actor, municipality, 5)
    small = _count(client, url)
    _make(coord_actor, municipality, 10, start=5)
    assert _count(client, url) == small


def test_atom_feed(municipality: Municipality, coord_actor: Actor, client_for: Callable[..., Any]) -> None:
    services.create_milestone(actor=coord_actor, municipality=municipality, values={
        "date": D(2015, 3, 13), "title": "Beitritt zur Städtekoalition", "kind": Milestone.Kind.MEMBERSHIP,
        "text": "<p>Festakt im Rathaus</p>"})
    services.create_milestone(actor=coord_actor, municipality=municipality, values={
        "date": D(2008, 1, 1), "end_date": D(2009, 1, 1), "precision": "year", "title": "Fünf Arbeitsgruppen"})
    response = client_for(None).get(_url(municipality, "portal:participation_chronicle_feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own answer, in a test)
    assert root.tag == f"{ATOM}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "de"
    entries = root.findall(f"{ATOM}entry")
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert titles == ["13. März 2015: Beitritt zur Städtekoalition", "2008 bis 2009: Fünf Arbeitsgruppen"]
    for entry in entries:
        link = entry.find(f"{ATOM}link")
        assert link is not None and link.get("href", "").startswith("http://testserver/heidelberg/chronik/#")
        assert entry.findtext(f"{ATOM}id") and entry.findtext(f"{ATOM}updated")
    summary = entries[0].find(f"{ATOM}summary")
    assert summary is not None and summary.get("type") == "html"
    assert summary.text == "<p>Mitgliedschaft / Netzwerk</p><p>Festakt im Rathaus</p>"
    self_link = [x for x in root.findall(f"{ATOM}link") if x.get("rel") == "self"]
    assert self_link and self_link[0].get("href") == "http://testserver/heidelberg/chronik/feed.atom"


def test_feed_queries_do_not_grow(municipality: Municipality, coord_actor: Actor,
                                  client_for: Callable[..., Any]) -> None:
    client = client_for(None)
    url = _url(municipality, "portal:participation_chronicle_feed")
    _make(coord_actor, municipality, 5)
    small = _count(client, url)
    _make(coord_actor, municipality, 10, start=5)
    assert _count(client, url) == small


@pytest.mark.parametrize("name", ["portal:participation_chronicle", "portal:participation_chronicle_feed"])
def test_another_municipality_sees_none_of_ours(name: str, municipality: Municipality,
                                                other_municipality: Municipality, coord_actor: Actor,
                                                client_for: Callable[..., Any]) -> None:
    services.create_milestone(actor=coord_actor, municipality=municipality,
                              values={"date": D(2015, 3, 13), "title": "Nur in Heidelberg"})
    html = client_for(None).get(_url(other_municipality, name)).content.decode()
    assert "Nur in Heidelberg" not in html
