"""Shared steps of the browser tests (the fixtures `browser`, `page` and `csp_violations` are in
tests/conftest.py)."""

from __future__ import annotations

from typing import Any

from tests.conftest import PASSWORD


def log_in(page: Any, username: str) -> None:
    """Log in through the real login form, as a person would."""
    page.goto("/konto/anmelden/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_load_state()
