"""The calendar's back office per role: Koordination writes; Fachstelle and Lesend read only;
a user of another municipality sees nothing; anonymous visitors are sent to the login."""

from __future__ import annotations

import pytest
from django.utils import timezone

from teilhabe.calendar import selectors, services
from teilhabe.calendar.models import DateOverride, HiddenObservance, OwnObservance

ADMIN = "/heidelberg/intern/kalender/"
WRITES = [
    ("/heidelberg/intern/kalender/varianten/", {"variant_islamic": "umm-al-qura"}),
    ("/heidelberg/intern/kalender/datum/", {"observance_key": "easter", "year": "2027", "date": "2027-03-28"}),
    ("/heidelberg/intern/kalender/datum/entfernen/", {"observance_key": "easter", "jahr": "2027"}),
    ("/heidelberg/intern/kalender/ausblenden/", {"observance_key": "ashura"}),
    ("/heidelberg/intern/kalender/einblenden/", {"observance_key": "ashura"}),
    ("/heidelberg/intern/kalender/eigene/neu/", {"key": "x", "name_de": "X"}),
    ("/heidelberg/intern/kalender/eigene/bearbeiten/?kennung=fest-der-kulturen", {"key": "y"}),
    ("/heidelberg/intern/kalender/eigene/loeschen/", {"kennung": "fest-der-kulturen"}),
]


def test_koordination_sees_the_year_and_the_forms(client_for, koordination, municipality):
    response = client_for(koordination).get(ADMIN, {"jahr": "2026"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Feier- und Gedenktage 2026" in html
    assert 'name="variant_islamic"' in html and "Diyanet" in html
    assert "Ausblenden" in html and "Datum ändern" in html
    assert html.count("<h1") == 1


@pytest.mark.parametrize("year", ["abc", "1800", "", "2026.5"])
def test_bad_year_falls_back_to_this_year(client_for, lesend, municipality, year):
    response = client_for(lesend).get(ADMIN, {"jahr": year})
    assert response.status_code == 200
    assert f"Feier- und Gedenktage {timezone.localdate().year}" in response.content.decode()


@pytest.mark.parametrize("who", ["fachstelle", "lesend"])
def test_readers_see_no_write_controls(client_for, request, municipality, who):
    html = client_for(request.getfixturevalue(who)).get(ADMIN).content.decode()
    assert "Ausblenden" not in html and 'name="variant_islamic"' not in html
    assert "Diyanet" in html  # the chosen variant is shown as text


@pytest.mark.parametrize("who", ["fachstelle", "lesend"])
def test_readers_may_not_write(client_for, request, municipality, own_observance, who):
    client = client_for(request.getfixturevalue(who))
    for url, data in WRITES:
        assert client.post(url, data).status_code == 403, url
    assert not DateOverride.objects.exists() and not HiddenObservance.objects.exists()
    assert OwnObservance.objects.get().key == "fest-der-kulturen"


def test_foreign_user_gets_404(client_for, foreign_user, municipality, own_observance):
    client = client_for(foreign_user)
    assert client.get(ADMIN).status_code == 404
    for url, data in WRITES:
        assert client.post(url, data).status_code == 404, url


def test_anonymous_is_sent_to_login(client, municipality):
    response = client.get(ADMIN)
    assert response.status_code == 302 and "/konto/anmelden/" in response["Location"]
    response = client.post(WRITES[3][0], WRITES[3][1])
    assert response.status_code == 302 and "/konto/anmelden/" in response["Location"]
    assert not HiddenObservance.objects.exists()


def test_koordination_chooses_variants(client_for, koordination, municipality):
    client = client_for(koordination)
    data = {f"variant_{key}": group.default for key, group in selectors.variant_groups().items()}
    data["variant_islamic"] = "umm-al-qura"
    data["version"] = selectors.calendar_setup(municipality).version  # as the page shows it
    response = client.post("/heidelberg/intern/kalender/varianten/", data)
    assert response.status_code == 302
    assert selectors.calendar_setup(municipality).variants == {"islamic": "umm-al-qura"}
    # An invalid choice changes nothing and says so.
    response = client.post("/heidelberg/intern/kalender/varianten/", {**data, "variant_islamic": "mars"},
                           follow=True)
    assert "Bitte wählen Sie" in response.content.decode()
    assert selectors.calendar_setup(municipality).variants == {"islamic": "umm-al-qura"}


def test_koordination_overrides_and_resets_a_date(client_for, koordination, municipality):
    client = client_for(koordination)
    form = client.get("/heidelberg/intern/kalender/datum/", {"key": "eid-al-adha", "jahr": "2027"})
    assert form.status_code == 200
    computed = next(o for o in selectors.observances_for(municipality, 2027) if o.key == "eid-al-adha")
    assert f'value="{computed.date:%Y-%m-%d}"' in form.content.decode()  # prefilled with the computed date
    assert 'name="version" value="0"' in form.content.decode()  # no override yet
    response = client.post("/heidelberg/intern/kalender/datum/", {
        "observance_key": "eid-al-adha", "year": "2027", "date": "2027-05-17", "note": "laut Moscheeverein",
        "version": "0", "opened_for": "eid-al-adha:2027"})
    assert response.status_code == 302 and response["Location"].endswith("?jahr=2027")
    override = DateOverride.objects.get()
    assert override.note == "laut Moscheeverein"
    response = client.post("/heidelberg/intern/kalender/datum/entfernen/",
                           {"observance_key": "eid-al-adha", "jahr": "2027", "version": override.version})
    assert response.status_code == 302 and not DateOverride.objects.exists()


@pytest.mark.parametrize(("data", "message"), [
    ({"observance_key": "eid-al-adha", "year": "2027", "date": "2026-05-17"}, "im gewählten Jahr"),
    ({"observance_key": "eid-al-adha", "year": "3000", "date": "3000-05-17"}, "2100"),
    ({"observance_key": "nope", "year": "2027", "date": "2027-05-17"}, "Auswahl"),
    ({"observance_key": "eid-al-adha", "year": "2027", "date": "kein Datum"}, "Datum"),
    ({"observance_key": "eid-al-adha", "year": "2027", "date": "2027-05-17", "note": "<script>x</script>"}, "HTML"),
])
def test_bad_override_input_shows_a_message(client_for, koordination, municipality, data, message):
    response = client_for(koordination).post("/heidelberg/intern/kalender/datum/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not DateOverride.objects.exists()


def test_koordination_hides_and_unhides(client_for, koordination, municipality):
    client = client_for(koordination)
    client.post("/heidelberg/intern/kalender/ausblenden/", {"observance_key": "ashura", "jahr": "2026"})
    assert selectors.calendar_setup(municipality).hidden == {"ashura"}
    html = client.get(ADMIN, {"jahr": "2026"}).content.decode()
    assert "ausgeblendet" in html and "Einblenden" in html
    client.post("/heidelberg/intern/kalender/einblenden/", {"observance_key": "ashura"})
    assert not selectors.calendar_setup(municipality).hidden
    response = client.post("/heidelberg/intern/kalender/ausblenden/", {"observance_key": "x" * 500}, follow=True)
    assert "gibt es nicht" in response.content.decode()


def test_koordination_adds_edits_and_deletes_an_own_observance(client_for, koordination, municipality):
    client = client_for(koordination)
    form = client.get("/heidelberg/intern/kalender/eigene/neu/").content.decode()
    assert 'name="name_ar"' in form and 'lang="ar"' in form  # a name field per content language
    response = client.post("/heidelberg/intern/kalender/eigene/neu/", {
        "key": "tag-der-vereine", "name_de": "Tag der Vereine", "name_ar": "يوم الجمعيات", "community": "",
        "own_community": "Vereine", "rule": "dates", "dates": "12.09.2026\n2027-09-11", "length_days": "1"})
    assert response.status_code == 302, response.content.decode()
    own = OwnObservance.objects.get()
    assert own.names == {"de": "Tag der Vereine", "ar": "يوم الجمعيات"}
    assert own.dates == ["2026-09-12", "2027-09-11"]
    edit_url = "/heidelberg/intern/kalender/eigene/bearbeiten/?kennung=tag-der-vereine"
    assert "12.09.2026" in client.get(edit_url).content.decode()
    response = client.post(edit_url, {
        "key": "tag-der-vereine", "name_de": "Tag der Vereine", "community": "international", "rule": "fixed",
        "day": "12", "month": "9", "length_days": "2", "version": str(own.version)})
    assert response.status_code == 302, response.content.decode()
    own.refresh_from_db()
    assert (own.rule, own.day, own.month, own.community, own.dates) == ("fixed", 12, 9, "international", [])
    own.refresh_from_db()
    client.post("/heidelberg/intern/kalender/eigene/loeschen/", {"kennung": "tag-der-vereine", "version": own.version})
    assert not OwnObservance.objects.exists()


@pytest.mark.parametrize(("data", "message"), [
    ({"key": "easter", "name_de": "Ostern 2"}, "schon ein berechneter"),
    ({"key": "mein-tag", "name_de": ""}, "zwingend erforderlich"),
    ({"key": "mein-tag", "name_de": "Tag", "day": "31", "month": "2"}, "nicht in jedem Jahr"),
    ({"key": "mein-tag", "name_de": "Tag", "rule": "dates", "dates": "31.02.2026"}, "kein gültiges Datum"),
    ({"key": "mein-tag", "name_de": "Tag", "own_community": ""}, "eigene an"),
    ({"key": "Mein Tag!", "name_de": "Tag"}, "Kennung"),
])
def test_bad_own_observance_input_shows_a_message(client_for, koordination, municipality, data, message):
    base = {"community": "", "own_community": "Verein", "rule": "fixed", "day": "3", "month": "5",
            "length_days": "1"}
    response = client_for(koordination).post("/heidelberg/intern/kalender/eigene/neu/", {**base, **data})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not OwnObservance.objects.exists()


def test_concurrent_edit_of_an_own_observance_is_detected(client_for, koordination, municipality, coord_actor,
                                                          own_observance):
    stale = own_observance.version
    services.update_own_observance(actor=coord_actor, observance=own_observance, expected_version=stale,
                                   values={"description": "Neu"})
    response = client_for(koordination).post(
        "/heidelberg/intern/kalender/eigene/bearbeiten/?kennung=fest-der-kulturen",
        {"key": "fest-der-kulturen", "name_de": "Anders", "own_community": "Stadtgesellschaft", "rule": "fixed",
         "day": "14", "month": "6", "length_days": "2", "version": str(stale)})
    assert response.status_code == 200
    assert "inzwischen von jemand anderem geändert" in response.content.decode()
    own_observance.refresh_from_db()
    assert own_observance.names["de"] == "Fest der Kulturen"


def test_unknown_or_foreign_own_observance_is_404(client_for, koordination, municipality, other_municipality):
    client = client_for(koordination)
    assert client.get("/heidelberg/intern/kalender/eigene/bearbeiten/?kennung=gibt-es-nicht").status_code == 404
    assert client.get("/heidelberg/intern/kalender/eigene/bearbeiten/").status_code == 302
