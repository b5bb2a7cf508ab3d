"""The demo's portal pages, built through the pages services like the back office would: a Leichte Sprache page
with headings and short paragraphs, and a placeholder video on the Gebärdensprache page (a few seconds of
moving text, made for the demo, with German captions) — clearly marked as demo content."""

from __future__ import annotations

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor
from teilhabe.pages import services

MEDIA = Path(__file__).resolve().parent / "media"

EASY_LANGUAGE = """\
Das ist eine Demo-Seite.
Die Texte sind Beispiele.

## Was ist das Portal?

Das Portal ist eine Internet-Seite von {name}.
Hier finden Sie Angebote und Termine.
Zum Beispiel: Deutsch-Kurse, Beratung und Feste.

## Wer macht das Portal?

Die Stadt macht das Portal.
Vereine machen auch mit.
Viele Vereine sind von Menschen mit Einwanderungs-Geschichte.

## Sie brauchen Hilfe?

Rufen Sie die Stadt an.
Oder schreiben Sie eine E-Mail.
Sie können auch eine Barriere melden.
Den Link finden Sie unten auf jeder Seite."""


def build_pages(municipality: Municipality, actor: Actor) -> None:
    services.save_legal_page(
        actor=actor, municipality=municipality, kind="leichte-sprache", language="de",
        title="Das Portal in Leichter Sprache (Demo)", body=EASY_LANGUAGE.replace("{name}", municipality.name),
        expected_version=0)
    services.add_page_video(
        actor=actor, municipality=municipality, kind="gebaerdensprache", title="Willkommen (Demo-Video)",
        video=SimpleUploadedFile("demo.webm", (MEDIA / "gebaerdensprache-demo.webm").read_bytes()),
        captions=SimpleUploadedFile("demo.vtt", (MEDIA / "gebaerdensprache-demo.vtt").read_bytes()),
        transcript="Demo: Ein Platzhalter-Video. Auf blauem Grund steht „Demo-Video, Gebärdensprache (DGS)“; "
                   "ein Punkt bewegt sich hin und her. Hier zeigt die Kommune später ihre Videos in Deutscher "
                   "Gebärdensprache.")
