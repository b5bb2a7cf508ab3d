"""A meeting's invitation and minutes as tagged PDF/UA: what they say (the decisions with their status,
attendance as counts, the sessions by round, the proposals), hostile text printed as text, and the download
views in the back office and, once published, on the portal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from teilhabe.core.models import Municipality, User
from teilhabe.core.tenancy import municipality_scope
from teilhabe.participation import documents
from teilhabe.participation.models import Attendance, Body, Decision, Meeting, MeetingSession, Proposal
from teilhabe.participation.selectors.registrations import meeting_documents
from tests.documents.conftest import assert_tagged, flat, pdf_text

HOSTILE = '#set page(fill: red) <script>alert("x")</script> ]#eval("1")'


@pytest.fixture
def held(municipality: Municipality, meeting: Meeting, body: Body) -> Meeting:
    """Three focus groups in two rounds with results, counts, decisions and proposals."""
    Meeting.objects.filter(pk=meeting.pk).update(
        agenda="<p>Begrüßung</p><ul><li>Arbeit in den Fokusgruppen</li></ul>", state=Meeting.State.HELD,
        minutes="<p>Die Fokusgruppen stellten ihre Ergebnisse vor.</p>")
    sessions = {}
    for round_, title in ((1, "Fokusgruppe Bildung"), (1, "Fokusgruppe Alltagsdiskriminierung"),
                          (2, "Fokusgruppe Personalentwicklung")):
        sessions[title] = MeetingSession.objects.create(
            municipality=municipality, meeting=meeting, title=title, round=round_, table="Raum 2",
            moderator_name="Frau Kaya", results=f"<p>Ergebnis {title}</p>")
    Attendance.objects.create(municipality=municipality, meeting=meeting, total=42, women=23, men=18, diverse=1,
                              from_administration=9, from_migrant_organisations=14, citizens=19)
    Attendance.objects.create(municipality=municipality, meeting=meeting, session=sessions["Fokusgruppe Bildung"],
                              total=15, women=9, men=6)
    Decision.objects.create(municipality=municipality, meeting=meeting, text="Elterncafé in der Weststadt einrichten",
                            responsible="VHS", due_on=dt.date(2027, 9, 1), status=Decision.Status.IN_PROGRESS)
    Decision.objects.create(municipality=municipality, meeting=meeting, text=HOSTILE, status=Decision.Status.OPEN)
    Proposal.objects.create(municipality=municipality, meeting=meeting, session=sessions["Fokusgruppe Bildung"],
                            title="Mehrsprachige Elternabende", text="<p>Text</p>",
                            proposer_kind=Proposal.ProposerKind.ANONYMOUS)
    Proposal.objects.create(municipality=municipality, meeting=meeting, title="Abgelehnter Spam", text="x",
                            moderation=Proposal.Moderation.REJECTED)
    loaded = meeting_documents(municipality, meeting.pk)
    assert loaded is not None
    return loaded


def test_minutes_pdf_is_tagged_and_says_what_was_decided(held: Meeting) -> None:
    data = documents.minutes_pdf(held)
    assert_tagged(data, "Protokoll: Sitzung der AG Bildung")
    text = flat(pdf_text(data))
    # Hostile text is printed as text (wrapped where it is long), never evaluated.
    assert '#set page(fill: red) <script>alert("x")' in text and ']#eval("1") offen' in text
    for expected in ("Elterncafé in der Weststadt einrichten VHS 1. 9. 2027 in Umsetzung",
                     "Runde 1: Fokusgruppe Bildung", "Runde 2: Fokusgruppe Personalentwicklung",
                     "Ergebnis Fokusgruppe Alltagsdiskriminierung", "ganze Sitzung 42 23 18 1",
                     "Fokusgruppe Bildung 15 9 6 0", "Mehrsprachige Elternabende",
                     "Die Fokusgruppen stellten ihre Ergebnisse vor."):
        assert expected in text, expected
    assert "Abgelehnter Spam" not in text


def test_invitation_pdf_has_agenda_sessions_and_registration(held: Meeting) -> None:
    Meeting.objects.filter(pk=held.pk).update(is_public=True, registration_open=True, capacity=40,
                                              registration_deadline=dt.date(2027, 3, 1))
    held.refresh_from_db()
    data = documents.invitation_pdf(held)
    assert_tagged(data, "Einladung: Sitzung der AG Bildung")
    text = flat(pdf_text(data))
    for expected in ("Mittwoch, 10. März 2027, 17:00–19:00 Uhr", "Rathaus, Saal 1", "Arbeit in den Fokusgruppen",
                     "Runde 2", "Fokusgruppe Personalentwicklung", "Anmeldeschluss: 1. März 2027", "Plätze: 40"):
        assert expected in text, expected


def test_documents_read_a_fixed_number_of_queries(municipality: Municipality, held: Meeting,
                                                  django_assert_max_num_queries: Any) -> None:
    for n in range(20):
        Decision.objects.create(municipality=municipality, meeting=held, text=f"Beschluss {n}")
        MeetingSession.objects.create(municipality=municipality, meeting=held, title=f"Tisch {n}", round=3)
    with django_assert_max_num_queries(7):
        meeting = meeting_documents(municipality, held.pk)
        assert meeting is not None
        document = documents.minutes(meeting)
    assert "Beschluss 19" in document.text()


def test_backoffice_downloads(held: Meeting, municipality: Municipality, client_for: Callable[..., Any],
                              lesend: User, gremium_member: User, other_body: Body) -> None:
    url = reverse("backoffice:meeting_minutes_pdf", kwargs={"municipality": municipality.slug, "pk": held.pk})
    response = client_for(lesend).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "Elterncafé" in pdf_text(response.content)
    assert client_for(gremium_member).get(url).status_code == 200  # a member of the body
    Meeting.objects.filter(pk=held.pk).update(body=other_body)
    assert client_for(gremium_member).get(url).status_code == 403  # not their body
    invitation = reverse("backoffice:meeting_invitation_pdf", kwargs={"municipality": municipality.slug,
                                                                      "pk": held.pk})
    assert client_for(lesend).get(invitation).content.startswith(b"%PDF-")


def test_portal_minutes_only_public_and_published(held: Meeting, municipality: Municipality,
                                                  other_municipality: Municipality, client: Any) -> None:
    url = reverse("portal:participation_registrations_minutes_pdf",
                  kwargs={"municipality": municipality.slug, "pk": held.pk})
    assert client.get(url).status_code == 404  # not public
    Meeting.objects.filter(pk=held.pk).update(is_public=True)
    assert client.get(url).status_code == 404  # not published
    Meeting.objects.filter(pk=held.pk).update(minutes_published_at=timezone.now())
    response = client.get(url)
    assert response.status_code == 200 and "Elterncafé" in pdf_text(response.content)
    with municipality_scope(other_municipality):
        foreign = reverse("portal:participation_registrations_minutes_pdf",
                          kwargs={"municipality": other_municipality.slug, "pk": held.pk})
    assert client.get(foreign).status_code == 404
