"""The registration pages: the portal form (consent, honeypot, throttle, capacity, deadline, duplicates,
hostile input, another municipality's meeting), the withdrawal link, the .ics; the back office page (names
only for those who run the meeting, a fixed number of queries), its CSV and the invitation action."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from teilhabe.core.models import Municipality, User
from teilhabe.core.tenancy import municipality_scope
from teilhabe.participation.models import Body, Meeting, Registration
from teilhabe.participation.services import registrations

FORM = {"name": "Ayşe Yılmaz", "email": "ayse@example.org", "organisation_name": "Elternverein", "needs": "",
        "consent": "on", "website": ""}


@pytest.fixture(autouse=True)
def _fresh_throttle() -> None:
    cache.clear()


@pytest.fixture
def open_meeting(meeting: Meeting) -> Meeting:
    starts = timezone.now() + dt.timedelta(days=20)
    Meeting.objects.filter(pk=meeting.pk).update(
        is_public=True, registration_open=True, capacity=2, starts_at=starts, ends_at=starts + dt.timedelta(hours=3),
        registration_deadline=timezone.localdate() + dt.timedelta(days=10),
        agenda="<p>Begrüßung</p>", description="<p>Offenes Forum</p>")
    meeting.refresh_from_db()
    return meeting


def _url(name: str, municipality: Municipality, **kwargs: Any) -> str:
    return reverse(f"portal:participation_registrations_{name}", kwargs={"municipality": municipality.slug, **kwargs})


def test_register_thank_and_withdraw(client: Any, municipality: Municipality, open_meeting: Meeting,
                                     django_capture_on_commit_callbacks: Any) -> None:
    url = _url("form", municipality, pk=open_meeting.pk)
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Sitzung der AG Bildung" in html and "Offenes Forum" in html and "Noch 2 Plätze frei." in html
    assert "Tage nach der Veranstaltung" in html  # the consent text names the retention
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(url, FORM)
    assert response.status_code == 302
    assert response["Location"] == _url("thanks", municipality, pk=open_meeting.pk)
    registration = Registration.objects.get()
    assert (registration.name, registration.organisation_name) == ("Ayşe Yılmaz", "Elternverein")
    assert client.get(response["Location"]).status_code == 200
    cancel = _url("cancel", municipality, token=registration.cancel_token)
    confirm = client.get(cancel)
    assert confirm.status_code == 200 and "Anmeldung zurückziehen" in confirm.content.decode()
    assert Registration.objects.exists()  # a GET (a mail scanner following the link) withdraws nothing
    done = client.post(cancel)
    assert done.status_code == 200 and "Ihre Angaben sind gelöscht" in done.content.decode()
    assert not Registration.objects.exists()
    assert client.post(cancel).status_code == 404


@pytest.mark.parametrize(("data", "message"), [
    ({"consent": ""}, "Ohne Ihre Einwilligung"),
    ({"name": "<b onmouseover=alert(1)>Ayşe</b>"}, ""),
    ({"email": "keine-adresse"}, "gültige E-Mail-Adresse"),
    ({"name": ""}, "Bitte geben Sie Ihren Namen an."),
])
def test_bad_input_is_refused(client: Any, municipality: Municipality, open_meeting: Meeting,
                              data: dict[str, str], message: str) -> None:
    response = client.post(_url("form", municipality, pk=open_meeting.pk), {**FORM, **data})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and "Die Anmeldung wurde nicht gespeichert" in html
    assert "<b onmouseover" not in html
    assert not Registration.objects.exists()


def test_full_duplicate_and_deadline(client: Any, municipality: Municipality, open_meeting: Meeting) -> None:
    url = _url("form", municipality, pk=open_meeting.pk)
    assert client.post(url, FORM).status_code == 302
    duplicate = client.post(url, {**FORM, "email": "AYSE@example.org"})
    assert duplicate.status_code == 400 and "schon jemand angemeldet" in duplicate.content.decode()
    assert client.post(url, {**FORM, "email": "b@example.org"}).status_code == 302
    full = client.post(url, {**FORM, "email": "c@example.org"})
    assert full.status_code == 400 and "ausgebucht" in full.content.decode()
    assert "Die Veranstaltung ist ausgebucht." in client.get(url).content.decode()  # no form any more
    Meeting.objects.filter(pk=open_meeting.pk).update(capacity=None,
                                                      registration_deadline=timezone.localdate() - dt.timedelta(1))
    late = client.post(url, {**FORM, "email": "d@example.org"})
    assert late.status_code == 400 and "Anmeldeschluss" in late.content.decode()
    assert Registration.objects.count() == 2


def test_honeypot_and_throttle(client: Any, municipality: Municipality, open_meeting: Meeting,
                               settings: Any) -> None:
    url = _url("form", municipality, pk=open_meeting.pk)
    bot = client.post(url, {**FORM, "website": "http://spam.example"})
    assert bot.status_code == 302 and not Registration.objects.exists()  # answered like a person, nothing kept
    settings.TEILHABE_REGISTRATION_LIMIT = 2
    Meeting.objects.filter(pk=open_meeting.pk).update(capacity=None)
    assert client.post(url, {**FORM, "email": "a@example.org"}).status_code == 302
    assert client.post(url, {**FORM, "email": "b@example.org"}).status_code == 302
    throttled = client.post(url, {**FORM, "email": "c@example.org"})
    assert throttled.status_code == 429 and "zu viele Anmeldungen" in throttled.content.decode()
    assert Registration.objects.count() == 2


def test_not_public_or_foreign_meetings_are_404(client: Any, municipality: Municipality, meeting: Meeting,
                                                other_municipality: Municipality) -> None:
    assert client.get(_url("form", municipality, pk=meeting.pk)).status_code == 404  # not public
    with municipality_scope(other_municipality):
        starts = timezone.now() + dt.timedelta(days=5)
        foreign = Meeting.objects.create(municipality=other_municipality, title="World Café", is_public=True,
                                         registration_open=True, starts_at=starts, ends_at=starts)
    assert client.get(_url("form", municipality, pk=foreign.pk)).status_code == 404
    assert client.post(_url("form", municipality, pk=foreign.pk), FORM).status_code == 404
    assert client.get(_url("ics", municipality, pk=foreign.pk)).status_code == 404
    with municipality_scope(other_municipality):
        assert not Registration.objects.exists()
    assert client.get(_url("cancel", municipality, token="x" * 200)).status_code == 404


def test_meeting_ics(client: Any, municipality: Municipality, open_meeting: Meeting) -> None:
    response = client.get(_url("ics", municipality, pk=open_meeting.pk))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    [event] = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Sitzung der AG Bildung"
    assert str(event["LOCATION"]) == "Rathaus, Saal 1" and str(event["STATUS"]) == "CONFIRMED"
    assert str(event["URL"]).endswith(_url("form", municipality, pk=open_meeting.pk))


# --- back office ------------------------------------------------------------------------------------------

def _register_many(municipality: Municipality, meeting: Meeting, count: int, start: int = 0) -> None:
    Meeting.objects.filter(pk=meeting.pk).update(capacity=None)
    for n in range(start, start + count):
        registrations.register(municipality=municipality, meeting_id=meeting.pk, name=f"Person {n}",
                               email=f"p{n}@example.org", consent=True)


def test_backoffice_page_names_only_for_who_runs_it(municipality: Municipality, open_meeting: Meeting,
                                                    client_for: Callable[..., Any], moderator: User,
                                                    lesend: User, gremium_member: User,
                                                    django_assert_max_num_queries: Any) -> None:
    url = reverse("backoffice:meeting_registrations", kwargs={"municipality": municipality.slug,
                                                              "pk": open_meeting.pk})
    _register_many(municipality, open_meeting, 3)
    moderating = client_for(moderator)
    page = moderating.get(url).content.decode()
    assert "Person 2" in page and "p2@example.org" in page and "3 Anmeldungen." in page
    assert "Jetzt einladen" in page and "Als CSV herunterladen" in page
    for reader in (lesend, gremium_member):
        page = client_for(reader).get(url).content.decode()
        assert "3 Anmeldungen." in page and "Person 2" not in page and "Jetzt einladen" not in page
    with django_assert_max_num_queries(12) as few:
        moderating.get(url)
    _register_many(municipality, open_meeting, 6, start=3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "Person 8" in moderating.get(url).content.decode()


def test_csv_neutralises_formulas(municipality: Municipality, open_meeting: Meeting,
                                  client_for: Callable[..., Any], koordination: User, lesend: User) -> None:
    registrations.register(municipality=municipality, meeting_id=open_meeting.pk, name="=HYPERLINK(1)",
                           email="x@example.org", consent=True)
    url = reverse("backoffice:meeting_registrations_csv", kwargs={"municipality": municipality.slug,
                                                                  "pk": open_meeting.pk})
    assert client_for(lesend).get(url).status_code == 403
    response = client_for(koordination).get(url)
    assert response.status_code == 200
    assert "'=HYPERLINK(1);x@example.org" in response.content.decode("utf-8-sig")


def test_invite_from_the_backoffice(municipality: Municipality, open_meeting: Meeting, body: Body,
                                    client_for: Callable[..., Any], moderator: User,
                                    django_capture_on_commit_callbacks: Any) -> None:
    url = reverse("backoffice:meeting_invite", kwargs={"municipality": municipality.slug, "pk": open_meeting.pk})
    client = client_for(moderator)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(url, {"version": str(open_meeting.version)}, follow=True)
    assert "Die Einladung wird an 2 Adresse(n) versandt." in response.content.decode()
    open_meeting.refresh_from_db()
    assert open_meeting.state == Meeting.State.INVITED
    invited_at = open_meeting.invited_at
    client.post(url, {"version": "1"}, follow=True)  # someone saved since: nothing changes
    open_meeting.refresh_from_db()
    assert open_meeting.invited_at == invited_at
    assert client.get(url).status_code == 405


def test_meeting_pages_link_registration_and_documents(client: Any, municipality: Municipality,
                                                       open_meeting: Meeting, client_for: Callable[..., Any],
                                                       lesend: User) -> None:
    public = client.get(reverse("portal:participation_bodies_meeting",
                                kwargs={"municipality": municipality.slug, "pk": open_meeting.pk})).content.decode()
    assert _url("form", municipality, pk=open_meeting.pk) in public and _url("ics", municipality,
                                                                           pk=open_meeting.pk) in public
    assert _url("minutes_pdf", municipality, pk=open_meeting.pk) not in public  # not published
    Meeting.objects.filter(pk=open_meeting.pk).update(minutes_published_at=timezone.now())
    public = client.get(reverse("portal:participation_bodies_meeting",
                                kwargs={"municipality": municipality.slug, "pk": open_meeting.pk})).content.decode()
    assert _url("minutes_pdf", municipality, pk=open_meeting.pk) in public
    staff = client_for(lesend).get(reverse("backoffice:meeting_detail", kwargs={
        "municipality": municipality.slug, "pk": open_meeting.pk})).content.decode()
    for name in ("meeting_registrations", "meeting_invitation_pdf", "meeting_minutes_pdf"):
        assert reverse(f"backoffice:{name}", kwargs={"municipality": municipality.slug, "pk": open_meeting.pk}) in staff
