from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """The password-reset counters live in the (per-process) cache: every test starts with none."""
    cache.clear()
    yield
    cache.clear()
