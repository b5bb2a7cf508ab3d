"""Fixtures of the event tests: events built through the services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from teilhabe.calendar.events import services
from teilhabe.calendar.models import Event
from teilhabe.core.models import Municipality, Organisation
from teilhabe.core.roles import Actor

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(autouse=True)
def calendar_cache(settings: Any, tmp_path: Path) -> Path:
    settings.TEILHABE_CALENDAR_CACHE_DIR = str(tmp_path / "calendar-cache")
    return tmp_path / "calendar-cache"


@pytest.fixture
def make_event(municipality: Municipality, coord_actor: Actor, verein: Organisation) -> Callable[..., Event]:
    def make(**values: Any) -> Event:
        defaults: dict[str, Any] = {
            "organisation": verein, "title": "Sprachcafé", "start": dt.datetime(2026, 10, 15, 18, tzinfo=BERLIN),
            "end": dt.datetime(2026, 10, 15, 20, tzinfo=BERLIN), "state": Event.State.PUBLISHED,
            "place_name": "Stadtteilhaus", "district": "Altstadt", "languages": ["de", "ar"],
        }
        defaults.update(values)
        return services.create_event(actor=coord_actor, municipality=municipality, values=defaults)

    return make
