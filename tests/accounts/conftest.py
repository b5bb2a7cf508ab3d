from __future__ import annotations

import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def _reset_language():
    """LocaleMiddleware leaves the last request's language active in the thread; reset it after each test."""
    yield
    translation.activate(settings.LANGUAGE_CODE)
