"""Building many small objects at once (a 10,000-goal roll-up makes some 100,000): Python's cyclic garbage
collector would run again and again over the whole heap of a Django process while they are made, and take
nearly half of the time (measured by bench/monitoring_rollup.py). The objects hold no reference cycles that
need collecting before the work ends, so the collector pauses for it; reference counting still frees
everything as usual."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a block (restored afterwards, also on errors; nesting is fine)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
