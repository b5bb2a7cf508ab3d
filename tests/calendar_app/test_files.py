"""iCalendar feeds and print PDFs served by the portal."""

from __future__ import annotations

import datetime as dt
import io

import pypdf
from django.utils import timezone
from icalendar import Calendar

from teilhabe.calendar import services


def events_of(response) -> list:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return list(calendar.walk("VEVENT"))


def test_feed_has_four_years_parses_and_keeps_uids(client, municipality):
    first = events_of(client.get("/heidelberg/kalender/feed.ics"))
    second = events_of(client.get("/heidelberg/kalender/feed.ics"))
    uids = [str(e["UID"]) for e in first]
    assert uids == [str(e["UID"]) for e in second]
    assert len(uids) == len(set(uids))
    years = {e.decoded("DTSTART").year for e in first}
    this_year = timezone.localdate().year
    assert years == {this_year - 1, this_year, this_year + 1, this_year + 2}
    assert all(uid.endswith("@heidelberg.teilhabe") for uid in uids)
    assert any(str(e["SUMMARY"]) == "Pessach" for e in first)


def test_uid_survives_an_override(client, municipality, coord_actor):
    year = timezone.localdate().year
    before = {str(e["UID"]): e.decoded("DTSTART") for e in events_of(client.get("/heidelberg/kalender/feed.ics"))}
    uid = next(u for u in before if u.startswith(f"eid-al-adha-{year}-"))
    moved = before[uid] + dt.timedelta(days=1)
    services.set_date_override(actor=coord_actor, municipality=municipality, observance_key="eid-al-adha",
                               expected_version=0, year=year, date=moved)
    after = {str(e["UID"]): e.decoded("DTSTART") for e in events_of(client.get("/heidelberg/kalender/feed.ics"))}
    assert after[uid] == moved  # the subscribed calendar moves the same event
    assert set(after) == set(before)


def test_community_feed_and_own_observances(client, municipality, own_observance):
    jewish = events_of(client.get("/heidelberg/kalender/jewish.ics"))
    assert jewish and {str(e["CATEGORIES"].cats[0]) for e in jewish} == {"jewish"}
    own = events_of(client.get("/heidelberg/kalender/eigene-stadtgesellschaft.ics"))
    assert {str(e["SUMMARY"]) for e in own} == {"Fest der Kulturen"}
    assert all(str(e["UID"]).startswith("fest-der-kulturen-") for e in own)
    everything = events_of(client.get("/heidelberg/kalender/feed.ics"))
    assert any(str(e["SUMMARY"]) == "Fest der Kulturen" for e in everything)


def test_hidden_observances_leave_the_feed(client, municipality, coord_actor):
    services.hide_observance(actor=coord_actor, municipality=municipality, observance_key="ashura")
    assert not [e for e in events_of(client.get("/heidelberg/kalender/feed.ics")) if "ashura" in str(e["UID"])]


def pdf_of(response, filename: str) -> pypdf.PdfReader:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="{filename}"' in response["Content-Disposition"]
    return pypdf.PdfReader(io.BytesIO(response.content))


def assert_tagged(reader: pypdf.PdfReader) -> None:
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    metadata = root["/Metadata"].get_object().get_data().decode()
    assert "pdfuaid:part" in metadata  # declares PDF/UA-1
    assert str(root.get("/Lang", "")).startswith("de")


def test_poster_is_one_tagged_a3_landscape_page(client, municipality, calendar_cache):
    reader = pdf_of(client.get("/heidelberg/kalender/2026/poster.pdf"),
                    "interkultureller-kalender-heidelberg-2026-poster.pdf")
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (420, 297)
    assert_tagged(reader)
    text = reader.pages[0].extract_text()
    assert "Pessach" in text and "Heidelberg" in text
    assert len(list(calendar_cache.glob("*-poster-2026.pdf"))) == 1


def test_monthly_pages_are_twelve_tagged_a4_pages(client, municipality):
    reader = pdf_of(client.get("/heidelberg/kalender/2026/monate.pdf"),
                    "interkultureller-kalender-heidelberg-2026-monate.pdf")
    assert len(reader.pages) == 12
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)
    assert_tagged(reader)
    assert "Weihnachten" in reader.pages[11].extract_text()


def test_pdf_is_cached_until_the_municipality_changes_something(client, municipality, coord_actor, calendar_cache):
    first = client.get("/heidelberg/kalender/2026/poster.pdf").content
    [cached] = calendar_cache.glob("*-poster-2026.pdf")
    assert cached.read_bytes() == first
    # The second request is answered from the cache file, not rendered again.
    cached.write_bytes(b"%PDF-cached")
    assert client.get("/heidelberg/kalender/2026/poster.pdf").content == b"%PDF-cached"
    # A change in the back office makes a new version; the old rendering is removed.
    services.hide_observance(actor=coord_actor, municipality=municipality, observance_key="ashura")
    fresh = client.get("/heidelberg/kalender/2026/poster.pdf").content
    assert fresh.startswith(b"%PDF-1") and fresh != b"%PDF-cached"
    assert [p.name for p in calendar_cache.glob("*-poster-2026.pdf")] != [cached.name]
    assert len(list(calendar_cache.glob("*-poster-2026.pdf"))) == 1


def test_own_observances_are_printed(client, municipality, own_observance):
    reader = pdf_of(client.get("/heidelberg/kalender/2026/monate.pdf"),
                    "interkultureller-kalender-heidelberg-2026-monate.pdf")
    assert "Fest der Kulturen" in reader.pages[5].extract_text()
