"""The garbage collector pauses for bulk work and comes back as it was, also after an error."""

from __future__ import annotations

import gc

import pytest

from teilhabe.core.bulk import collector_paused


def test_collector_pauses_and_comes_back_after_an_error() -> None:
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        assert not gc.isenabled()
        raise ValueError("boom")
    assert gc.isenabled()


def test_nested_pause_leaves_the_outer_one_paused() -> None:
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
