"""Where a management command enters: it names its municipality, which is resolved once and scopes
everything the command does (see teilhabe.core.tenancy)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor
from teilhabe.core.tenancy import municipality_scope


def municipality_by_slug(slug: str) -> Municipality:
    municipality = Municipality.objects.filter(slug=slug).first()
    if municipality is None:
        raise CommandError(f"Die Kommune „{slug}“ gibt es nicht.")
    return municipality


class MunicipalityCommand(BaseCommand):
    """A command for one municipality, named by the positional argument `slug` (or `--municipality`).
    `handle_in` runs inside that municipality's scope, acting as the system actor (full rights,
    no user in the audit trail)."""

    slug_option = "slug"

    def handle(self, *args: Any, **options: Any) -> None:
        slug = options.get(self.slug_option)
        if not slug:
            self.handle_in(None, None, options)
            return
        municipality = municipality_by_slug(slug)
        with municipality_scope(municipality):
            self.handle_in(municipality, Actor.system(municipality.pk), options)

    def handle_in(self, municipality: Municipality | None, actor: Actor | None, options: dict[str, Any]) -> None:
        raise NotImplementedError
