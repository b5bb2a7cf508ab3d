"""axe-core in the page: fail on any WCAG 2.0/2.1 A or AA violation, listing each one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# The Content Security Policy (script-src 'self') forbids inline scripts, so axe is not injected as
# inline content: the browser context answers this same-origin path with the file (see conftest.py).
AXE_URL = "/__tests__/axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = """(tags) => axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})"""


def axe_violations(page: Any) -> list[dict[str, Any]]:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=AXE_URL)
    result = page.evaluate(RUN_AXE, WCAG_TAGS)
    return list(result["violations"])


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        targets = [", ".join(str(t) for t in node["target"]) for node in v["nodes"]]
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} → {'; '.join(targets[:8])}"
                     + (f" … (+{len(targets) - 8})" if len(targets) > 8 else ""))
    return "\n".join(lines)


def assert_accessible(page: Any) -> None:
    violations = axe_violations(page)
    assert not violations, f"axe-core: WCAG-Verstöße auf {page.url}:\n{describe(violations)}"
