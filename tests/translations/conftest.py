from __future__ import annotations

import pytest

from teilhabe.core.models import Municipality
from teilhabe.plans.models import Measure, Plan


@pytest.fixture
def polyglot(municipality: Municipality) -> Municipality:
    """Heidelberg with English, Arabic, Tigrinya and Pashto; Tigrinya translated from English."""
    municipality.languages = ["de", "en", "ar", "ti", "ps"]
    municipality.save()
    return municipality


@pytest.fixture
def measure(plan: Plan, polyglot: Municipality) -> Measure:
    m = Measure.objects.get(title="Mama lernt Deutsch")
    m.description = "Deutschkurs für Mütter mit Kinderbetreuung."
    m.save(update_fields=["description"])
    return m
