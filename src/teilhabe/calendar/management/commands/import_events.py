"""`teilhabe import-events <slug> <organisation-name> <file-or-url>`: import an organisation's calendar (an
iCalendar file, or an address that is then subscribed and refreshed on schedule). Creates the organisation if it
does not exist; the events are published at once. Bad input: a message, exit code 1, nothing changed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from teilhabe.calendar.feeds import services
from teilhabe.calendar.feeds.fetch import max_bytes, megabytes
from teilhabe.core.commands import MunicipalityCommand
from teilhabe.core.errors import ServiceError
from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor


class Command(MunicipalityCommand):
    help = "Übernimmt den Kalender (iCalendar-Datei oder -Adresse) einer Organisation als Termine."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="Kurzbezeichnung der Kommune")
        parser.add_argument("organisation", help="Name der Organisation (wird angelegt, wenn es sie nicht gibt)")
        parser.add_argument("source", help="iCalendar-Datei (.ics) oder Adresse (http://, https://, webcal://)")

    def handle_in(self, municipality: Municipality | None, actor: Actor | None, options: dict[str, Any]) -> None:
        assert municipality is not None and actor is not None
        source: str = options["source"]
        payload: bytes | None = None
        if "://" not in source:
            payload = _read(Path(source))
        try:
            feed, result, created = services.import_events(actor=actor, municipality=municipality,
                                                           organisation_name=options["organisation"],
                                                           source=source, payload=payload)
        except ServiceError as error:
            raise CommandError(error.message) from error
        if created:
            self.stdout.write(f"Organisation „{feed.organisation.name}“ angelegt.")
        self.stdout.write(f"{feed.organisation.name}: {result.created} neu, {result.updated} geändert, "
                          f"{result.removed} entfernt ({result.total} Termine im Kalender).")
        for note in result.notes:
            self.stdout.write(f"Hinweis: {note}")


def _read(path: Path) -> bytes:
    if not path.is_file():
        raise CommandError(f"Die Datei „{path}“ gibt es nicht.")
    if path.stat().st_size > max_bytes():
        raise CommandError(f"Die Datei ist größer als {megabytes(max_bytes())} und wird nicht übernommen.")
    try:
        return path.read_bytes()
    except OSError as error:
        raise CommandError(f"Die Datei „{path}“ kann nicht gelesen werden ({error.strerror}).") from error
