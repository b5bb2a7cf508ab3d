"""The shape of the code: interfaces → domain → core, and interface code only in interface apps.

The import contracts are declared in pyproject.toml ([tool.importlinter]) and checked by import-linter, the
same check `make lint` runs. A broken contract fails here with import-linter's report, which names the
contract and each import that breaks it (module, imported module, line)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "teilhabe"

DOMAIN_APPS = ["core", "plans", "calendar", "pages", "monitoring", "reporting", "directory", "search",
               "translations", "moderation", "participation"]
INTERFACE_APPS = ["backoffice", "portal", "api", "demo"]

# Interface code never lives in a domain app (views, URLs, forms, API routers, template tags).
INTERFACE_MODULES = ["views.py", "urls.py", "forms.py", "api.py"]
INTERFACE_PREFIXES = ["views_", "urls_", "forms_", "api_"]
INTERFACE_PACKAGES = ["views", "urls", "forms", "api", "templatetags"]

# Interface code still in `core`, to be moved into the interface apps (docs/architecture.md): the error
# pages, the account and platform-administration pages, the base form classes and the template tags every
# interface uses. Shrink this list; never grow it.
CORE_INTERFACE_LEFTOVERS = {
    "core/views.py",
    "core/views_platform.py",
    "core/urls_account.py",
    "core/urls_platform.py",
    "core/forms.py",
    "core/templatetags",
}


def _lint_imports() -> subprocess.CompletedProcess[str]:
    binary = Path(sys.executable).with_name("lint-imports")
    command = [str(binary)] if binary.exists() else [sys.executable, "-m", "importlinter.cli"]
    return subprocess.run(  # noqa: S603  (fixed command, no user input)
        [*command, "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )


def test_import_contracts_are_kept():
    result = _lint_imports()
    report = result.stdout + result.stderr
    assert "Contracts:" in report, f"import-linter did not run:\n{report}"
    assert result.returncode == 0, f"An import breaks the direction interfaces → domain → core:\n{report}"


def test_contracts_cover_every_app():
    """Every Teilhabe app is in the layers contract, so a new app cannot slip past the check."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    layers = next(c for c in config["contracts"] if c["type"] == "layers")["layers"]
    in_layers = {name.strip().removeprefix("teilhabe.") for layer in layers for name in layer.split("|")}
    apps = {p.parent.name for p in PACKAGE.glob("*/apps.py")}
    assert apps == in_layers, f"apps not in the layers contract: {sorted(apps - in_layers)}"
    assert set(DOMAIN_APPS) | set(INTERFACE_APPS) == apps


def _interface_code_in(app: str) -> list[str]:
    found = []
    for path in sorted((PACKAGE / app).rglob("*")):
        if "__pycache__" in path.parts or "migrations" in path.parts:
            continue
        name = path.name
        is_module = path.is_file() and path.suffix == ".py" and (
            name in INTERFACE_MODULES or any(name.startswith(p) for p in INTERFACE_PREFIXES)
        )
        is_package = path.is_dir() and name in INTERFACE_PACKAGES
        if is_module or is_package:
            found.append(path.relative_to(PACKAGE).as_posix())
    return found


@pytest.mark.parametrize("app", DOMAIN_APPS)
def test_domain_apps_hold_no_interface_code(app):
    found = set(_interface_code_in(app))
    if app == "core":
        found -= CORE_INTERFACE_LEFTOVERS
    assert not found, (
        f"Interface code in the domain app {app!r}: {sorted(found)}. Views, URLs, forms, API routers and "
        f"template tags belong in backoffice/{app}/, portal/{app}/ or api/{app}/."
    )


def test_core_leftovers_list_is_current():
    """When a leftover moves out of core, it leaves this list too."""
    present = set(_interface_code_in("core"))
    assert present >= CORE_INTERFACE_LEFTOVERS, sorted(CORE_INTERFACE_LEFTOVERS - present)
