from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from teilhabe.core.services import create_municipality


class Command(BaseCommand):
    help = "Legt eine Kommune an: teilhabe add-municipality <slug> --name NAME --ags AGS"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")
        parser.add_argument("--name", required=True)
        parser.add_argument("--ags", required=True, help="Amtlicher Gemeindeschlüssel, 8 Ziffern")
        parser.add_argument("--languages", default="de,en", help="Sprachen des Portals, kommagetrennt")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            municipality = create_municipality(
                actor=None, name=options["name"], slug=options["slug"], ags=options["ags"],
                languages=[lang.strip() for lang in options["languages"].split(",") if lang.strip()],
            )
        except ValidationError as exc:
            messages = [f"{field}: {' '.join(errs)}" for field, errs in exc.message_dict.items()] \
                if hasattr(exc, "error_dict") else exc.messages
            raise CommandError("; ".join(messages)) from exc
        land = municipality.get_land_display()
        self.stdout.write(f"Kommune „{municipality.name}“ angelegt: /{municipality.slug}/ ({land})")
