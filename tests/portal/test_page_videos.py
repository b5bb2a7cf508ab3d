"""Videos of the legal pages (Gebärdensprache): files checked by their content, captions validated and cleaned,
one audited write path for Koordination, served by the app with range requests, shown with captions and a
text alternative."""

from __future__ import annotations

import io
import os
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from teilhabe.core.audit import history_of
from teilhabe.core.errors import NotAllowed
from teilhabe.core.roles import Actor
from teilhabe.core.tenancy import actor_for, municipality_scope
from teilhabe.pages import media, services
from teilhabe.pages.models import PageVideo
from teilhabe.portal.pages.media import parse_range
from tests.media_samples import VTT, mp4, png, webm

VIDEOS = "/heidelberg/intern/seiten/videos/"
SIGN_PAGE = "/heidelberg/gebaerdensprache/"


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def add(actor: Actor, municipality: Any, **kwargs: Any) -> PageVideo:
    values = {"kind": "gebaerdensprache", "title": "Willkommen", "video": upload("v.mp4", mp4()),
              "captions": upload("v.vtt", VTT.encode()), "transcript": "", "poster": None, **kwargs}
    return services.add_page_video(actor=actor, municipality=municipality, **values)


# --- content checks ---------------------------------------------------------------------------------------

def test_mp4_and_webm_are_recognised_by_content():
    assert media.check_video(io.BytesIO(mp4())) == ("video/mp4", len(mp4()))
    assert media.check_video(io.BytesIO(webm()))[0] == "video/webm"


@pytest.mark.parametrize("data", [
    b"", b"not a video at all", png(), mp4()[:-10], webm(doc_type=b"matroska"), b"\x00\x00\x00\x08ftyp",
    mp4().replace(b"moov", b"free"), b"%PDF-1.7\n" + bytes(100),
])
def test_other_files_are_refused(data, settings):
    with pytest.raises(ValidationError) as error:
        media.check_video(io.BytesIO(data))
    assert "video" in error.value.message_dict


def test_size_limit(settings):
    settings.TEILHABE_PAGE_VIDEO_MAX_BYTES = 500
    with pytest.raises(ValidationError, match="zu groß"):
        media.check_video(io.BytesIO(mp4()))


def test_captions_are_validated_and_cleaned():
    cleaned, cues = media.parse_captions(VTT.encode())
    assert cleaned.startswith("WEBVTT\n\n00:00:00.000 --> 00:00:02.500\nWillkommen im Portal.")
    assert [c.start for c in cues] == [0.0, 2.5]
    assert "00:00:02.500 --> 00:00:05.000 line:90%" in cleaned
    assert "<script" not in cleaned and "<img" not in cleaned and "onerror" not in cleaned
    assert "<v Sprecherin>Hier finden Sie <b>Angebote</b>." in cleaned
    assert "NOTE" not in cleaned and "Kind:" not in cleaned
    assert media.captions_text(cleaned) == ["Willkommen im Portal.", "Hier finden Sie Angebote.alert(1)"]


@pytest.mark.parametrize(("text", "message"), [
    ("1\n00:00.000 --> 00:01.000\nHallo\n", "WEBVTT"),
    ("WEBVTT\n\n", "keinen Untertitel"),
    ("WEBVTT\n\n00:02.000 --> 00:01.000\nRückwärts\n", "endet nicht nach seinem Beginn"),
    ("WEBVTT\n\n0:1 --> 0:2\nFalsch\n", "Zeitangabe"),
    ("WEBVTT\n00:00.000 --> 00:01.000\nOhne Leerzeile\n", "Leerzeile"),
    ("WEBVTTX\n\n00:00.000 --> 00:01.000\nA\n", "WEBVTT"),
])
def test_broken_captions_are_refused_with_a_reason(text, message):
    with pytest.raises(ValidationError, match=message):
        media.parse_captions(text.encode())


def test_captions_not_in_utf8_are_refused():
    with pytest.raises(ValidationError, match="UTF-8"):
        media.parse_captions("WEBVTT\n\n00:00.000 --> 00:01.000\nGrüße\n".encode("latin-1"))


def test_poster_must_be_an_image():
    assert media.check_poster(png()) == "image/png"
    with pytest.raises(ValidationError, match="Vorschaubild"):
        media.check_poster(b"GIF89a" + bytes(20))


@pytest.mark.parametrize(("header", "expected"), [
    ("", None), ("bytes=0-99", (0, 99)), ("bytes=100-", (100, 999)), ("bytes=-100", (900, 999)),
    ("bytes=990-2000", (990, 999)), ("bytes=1000-", (-1, -1)), ("bytes=5-1", (-1, -1)), ("items=0-1", None),
    ("bytes=0-1,5-6", None), ("bytes=-0", (-1, -1)),
])
def test_range_header(header, expected):
    assert parse_range(header, 1000) == expected


# --- the one write path ---------------------------------------------------------------------------------

def test_koordination_adds_and_removes_a_video_audited(koordination, municipality,
                                                      django_capture_on_commit_callbacks):
    actor = actor_for(koordination, municipality)
    video = add(actor, municipality, poster=upload("p.png", png()), transcript="Eine Frau erklärt das Portal.")
    assert video.video_type == "video/mp4" and video.poster_type == "image/png"
    assert video.video.read() == mp4()
    video_path = video.video.path
    entries = list(history_of(video))
    assert [e.action for e in entries] == ["create"]
    assert entries[0].changes["title"] == [None, "Willkommen"]
    services.update_page_video(actor=actor, video=video, expected_version=video.version, title="Hallo",
                               transcript="")
    video.refresh_from_db()
    assert video.title == "Hallo"
    pk = video.pk
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_page_video(actor=actor, video=video, expected_version=video.version)
    assert not PageVideo.objects.exists()
    video.pk = pk
    assert [e.action for e in history_of(video).order_by("at", "id")] == ["create", "update", "delete"]
    assert not os.path.exists(video_path)


def _stored_files(settings: Any) -> set[str]:
    return {str(p) for p in (settings.MEDIA_ROOT / "pages").rglob("*") if p.is_file()}


def test_refused_file_stores_nothing(koordination, municipality, settings):
    actor = actor_for(koordination, municipality)
    (settings.MEDIA_ROOT / "pages").mkdir(parents=True, exist_ok=True)
    before = _stored_files(settings)
    with pytest.raises(ValidationError):
        add(actor, municipality, captions=upload("v.vtt", b"not captions"))
    with pytest.raises(ValidationError):
        add(actor, municipality, video=upload("v.mp4", b"<html>"))
    assert not PageVideo.objects.exists()
    with pytest.raises(ValidationError):  # the poster is checked before anything is stored
        add(actor, municipality, poster=upload("p.png", b"no image"))
    assert _stored_files(settings) == before


def test_only_koordination_adds_videos(fachstelle, municipality):
    with pytest.raises(NotAllowed):
        add(actor_for(fachstelle, municipality), municipality)


# --- back office -----------------------------------------------------------------------------------------

def test_upload_form_adds_a_video(client_for, koordination, municipality):
    client = client_for(koordination)
    assert client.get(VIDEOS).status_code == 200
    response = client.post(VIDEOS, {"kind": "gebaerdensprache", "title": "Anmeldung", "transcript": "",
                                    "video": upload("a.webm", webm()), "captions": upload("a.vtt", VTT.encode())})
    assert response.status_code == 302
    video = PageVideo.objects.get()
    assert video.video_type == "video/webm"
    html = client.get(VIDEOS).content.decode()
    assert "Anmeldung" in html


def test_upload_form_names_the_bad_file(client_for, koordination, municipality):
    response = client_for(koordination).post(VIDEOS, {
        "kind": "gebaerdensprache", "title": "Anmeldung", "video": upload("a.mp4", png()),
        "captions": upload("a.vtt", VTT.encode())})
    assert response.status_code == 200
    assert "kein Video im Format MP4 oder WebM" in response.content.decode()
    assert not PageVideo.objects.exists()


def test_upload_beyond_the_limit_is_refused_before_reading(client_for, koordination, municipality, settings):
    settings.TEILHABE_PAGE_VIDEO_MAX_BYTES = 10
    response = client_for(koordination).post(VIDEOS, {
        "kind": "gebaerdensprache", "title": "Groß", "video": upload("a.mp4", mp4(5_000_000)),
        "captions": upload("a.vtt", VTT.encode())}, follow=True)
    assert "zu groß" in response.content.decode()
    assert not PageVideo.objects.exists()


def test_delete_button_removes_and_a_stale_form_does_not(client_for, koordination, municipality):
    video = add(actor_for(koordination, municipality), municipality)
    client = client_for(koordination)
    stale = client.post(VIDEOS + "entfernen/", {"video": video.pk, "version": video.version + 5}, follow=True)
    assert "nicht entfernt" in stale.content.decode()
    assert PageVideo.objects.count() == 1
    client.post(VIDEOS + "entfernen/", {"video": video.pk, "version": video.version})
    assert not PageVideo.objects.exists()


def test_foreign_video_id_is_404(client_for, koordination, foreign_user, municipality, other_municipality):
    with municipality_scope(other_municipality):
        foreign = add(actor_for(foreign_user, other_municipality), other_municipality)
    response = client_for(koordination).post(VIDEOS + "entfernen/", {"video": foreign.pk, "version": 1})
    assert response.status_code == 404
    assert client_for(koordination).get(f"/heidelberg/videos/{foreign.pk}/video").status_code == 404
    with municipality_scope(other_municipality):
        assert PageVideo.objects.filter(pk=foreign.pk).exists()


def test_list_page_query_count_does_not_grow(client_for, koordination, municipality):
    actor = actor_for(koordination, municipality)
    client = client_for(koordination)
    add(actor, municipality)
    with CaptureQueriesContext(connection) as one:
        client.get(VIDEOS)
    for n in range(5):
        add(actor, municipality, title=f"Video {n}")
    with CaptureQueriesContext(connection) as six:
        client.get(VIDEOS)
    assert len(six) == len(one)


# --- the portal ------------------------------------------------------------------------------------------

def test_portal_page_shows_video_with_captions_and_text(koordination, municipality, visitor):
    actor = actor_for(koordination, municipality)
    add(actor, municipality, poster=upload("p.png", png()))
    video = add(actor, municipality, title="Zweites", transcript="Absatz eins.\n\nAbsatz zwei.")
    with CaptureQueriesContext(connection) as queries:
        html = visitor.get(SIGN_PAGE).content.decode()
    assert html.count("<video ") == 2
    assert '<track kind="captions" srclang="de" label="Deutsch"' in html
    assert " default>" in html
    assert f'src="/heidelberg/videos/{video.pk}/untertitel.vtt"' in html
    assert "Willkommen im Portal." in html  # the captions as text alternative of the first video
    assert "<p>Absatz eins.</p><p>Absatz zwei.</p>" in html
    assert "poster=" in html
    many = len(queries)
    for n in range(5):
        add(actor, municipality, title=f"V{n}")
    with CaptureQueriesContext(connection) as queries:
        visitor.get(SIGN_PAGE)
    assert len(queries) == many
    assert "<video" not in visitor.get("/heidelberg/impressum/").content.decode()


def test_video_is_served_with_ranges(koordination, municipality, visitor):
    video = add(actor_for(koordination, municipality), municipality, video=upload("v.mp4", mp4(5000)))
    url = f"/heidelberg/videos/{video.pk}/video"
    data = mp4(5000)
    whole = visitor.get(url)
    assert whole.status_code == 200 and whole["Accept-Ranges"] == "bytes"
    assert whole["Content-Type"] == "video/mp4" and b"".join(whole.streaming_content) == data
    part = visitor.get(url, HTTP_RANGE="bytes=100-199")
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 100-199/{len(data)}"
    assert part["Content-Length"] == "100"
    assert b"".join(part.streaming_content) == data[100:200]
    tail = visitor.get(url, HTTP_RANGE="bytes=-10")
    assert b"".join(tail.streaming_content) == data[-10:]
    beyond = visitor.get(url, HTTP_RANGE=f"bytes={len(data)}-")
    assert beyond.status_code == 416 and beyond["Content-Range"] == f"bytes */{len(data)}"
    head = visitor.head(url, HTTP_RANGE="bytes=0-9")
    assert head.status_code == 206 and head["Content-Length"] == "10"
    assert visitor.post(url).status_code == 405
    captions = visitor.get(f"/heidelberg/videos/{video.pk}/untertitel.vtt")
    assert captions["Content-Type"] == "text/vtt; charset=utf-8"
    assert captions.content.decode().startswith("WEBVTT")
    assert visitor.get(f"/heidelberg/videos/{video.pk}/vorschau").status_code == 404  # no poster
    assert visitor.get("/heidelberg/videos/999999/video").status_code == 404


# --- Leichte Sprache: headings and short paragraphs ---------------------------------------------------------

def test_easy_language_default_has_headings_and_short_paragraphs(municipality, visitor):
    html = visitor.get("/heidelberg/leichte-sprache/").content.decode()
    body = html[html.index('<div class="legal-page__body">'):html.index("</article>")]
    assert '<h2 class="kern-heading-medium">Was finden Sie hier?</h2>' in body
    assert body.count("<h2") == 3
    paragraphs = body.split("<p>")[1:]
    assert all(len(p.split("</p>")[0]) < 200 for p in paragraphs)
    assert "Das ist das Portal von Heidelberg." in body


def test_headings_in_a_written_page_are_escaped(koordination, municipality, visitor):
    services.save_legal_page(actor=actor_for(koordination, municipality), municipality=municipality,
                             kind="leichte-sprache", language="de", title="Leicht",
                             body="## Wer sind wir & was tun wir?\nWir helfen.\n\nZweiter Absatz.\nZeile zwei.",
                             expected_version=0)
    html = visitor.get("/heidelberg/leichte-sprache/").content.decode()
    assert "<h2 class=\"kern-heading-medium\">Wer sind wir &amp; was tun wir?</h2>\n<p>Wir helfen.</p>" in html
    assert "<p>Zweiter Absatz.<br>Zeile zwei.</p>" in html


def test_edit_form_changes_title_and_text(client_for, koordination, municipality, visitor):
    video = add(actor_for(koordination, municipality), municipality)
    client = client_for(koordination)
    url = f"/heidelberg/intern/seiten/videos/{video.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "Neu", "transcript": "Gebärden <script>", "version": video.version})
    assert response.status_code == 200 and "PageVideo" not in response.content.decode()
    video.refresh_from_db()
    assert video.title == "Willkommen"  # markup refused: nothing changed
    client.post(url, {"title": "Neu", "transcript": "Eine Frau gebärdet.", "version": video.version})
    video.refresh_from_db()
    assert (video.title, video.transcript) == ("Neu", "Eine Frau gebärdet.")
    assert "<p>Eine Frau gebärdet.</p>" in visitor.get(SIGN_PAGE).content.decode()
    stale = client.post(url, {"title": "Alt", "transcript": "", "version": video.version - 1})
    assert stale.status_code == 200
    video.refresh_from_db()
    assert video.title == "Neu"
