"""teilhabe define-rate <slug> <key> --numerator KEY --denominator KEY [--per 100] --name NAME [--unit-label L]"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser

from teilhabe.core.commands import MunicipalityCommand
from teilhabe.core.errors import ServiceError
from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor
from teilhabe.monitoring import services
from teilhabe.monitoring.models import Indicator


class Command(MunicipalityCommand):
    help = ("Legt eine Quote an (oder ändert sie), die aus zwei gespeicherten Anzahlen berechnet wird: "
            "teilhabe define-rate <kommune> <kennung> --numerator KENNUNG --denominator KENNUNG --per 100 --name NAME")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="Kurzbezeichnung der Kommune")
        parser.add_argument("key", help="Kennung der Quote, z. B. auslaenderanteil")
        parser.add_argument("--numerator", required=True, help="Kennung des Zählers (eine Anzahl)")
        parser.add_argument("--denominator", required=True, help="Kennung des Nenners (eine Anzahl)")
        parser.add_argument("--per", type=int, default=100, help="100 (Prozent) oder 1000 (je 1.000)")
        parser.add_argument("--name", required=True, help="Name der Quote")
        parser.add_argument("--unit-label", default="",
                            help="Einheit, wie sie angezeigt wird, z. B. „je 1.000 Einwohner“")

    def handle_in(self, municipality: Municipality | None, actor: Actor | None, options: dict[str, Any]) -> None:
        assert municipality is not None and actor is not None
        parts = {}
        for role in ("numerator", "denominator"):
            parts[role] = Indicator.objects.filter(key=options[role]).first()
            if parts[role] is None:
                raise CommandError(f"Den Indikator „{options[role]}“ gibt es in {municipality.name} nicht.")
        try:
            rate = services.define_rate(actor=actor, municipality=municipality, key=options["key"],
                                        name=options["name"], numerator=parts["numerator"],
                                        denominator=parts["denominator"], per=options["per"],
                                        unit_label=options["unit_label"])
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        except ServiceError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(f"Quote „{rate.name}“ ({rate.key}) = {parts['numerator'].name} / "
                          f"{parts['denominator'].name} × {options['per']}.")
