"""Fixtures of the calendar app tests: a private PDF/feed cache per test and a few adjustments."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from teilhabe.calendar import services
from teilhabe.calendar.models import OwnObservance
from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor


@pytest.fixture(autouse=True)
def calendar_cache(settings: Any, tmp_path: Path) -> Path:
    """Rendered PDFs and feeds go to a fresh directory, so tests never see each other's files."""
    settings.TEILHABE_CALENDAR_CACHE_DIR = str(tmp_path / "calendar-cache")
    return tmp_path / "calendar-cache"


@pytest.fixture
def own_observance(municipality: Municipality, coord_actor: Actor) -> OwnObservance:
    return services.create_own_observance(actor=coord_actor, municipality=municipality, values={
        "key": "fest-der-kulturen",
        "names": {"de": "Fest der Kulturen", "en": "Festival of Cultures", "ar": "مهرجان الثقافات"},
        "community": "",
        "own_community": "Stadtgesellschaft",
        "description": "Das Fest aller Vereine auf dem Marktplatz.",
        "rule": OwnObservance.Rule.FIXED,
        "month": 6,
        "day": 14,
        "length_days": 2,
        "begins_evening_before": False,
    })
