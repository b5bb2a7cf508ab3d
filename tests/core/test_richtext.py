"""The rich-text sanitiser shared by organisation profiles, offers and events."""

import pytest
from django.core.exceptions import ValidationError

from teilhabe.core.richtext import accessibility_problems, sanitize, to_plain, validate_accessible


def test_scripts_styles_and_handlers_are_dropped_with_their_content() -> None:
    html = ('<h2 onclick="x()">Kurs</h2><script>alert(1)</script><style>p{}</style>'
            '<p style="color:red">Mo <img src=x onerror=alert(1)>18 Uhr</p><iframe src="https://evil"></iframe>')
    assert sanitize(html) == "<h2>Kurs</h2><p>Mo 18 Uhr</p>"


def test_links_keep_safe_schemes_only_and_get_rel() -> None:
    cleaned = sanitize('<a href="javascript:alert(1)">Anmeldung</a> <a href="https://example.org">Anmeldung</a>')
    assert "javascript" not in cleaned
    assert '<a href="https://example.org" rel="noopener noreferrer">Anmeldung</a>' in cleaned


def test_plain_text_becomes_paragraphs_escaped() -> None:
    assert sanitize("Erster & Zweiter\nZeile") == "<p>Erster &amp; Zweiter<br>Zeile</p>"
    assert sanitize("Zwei\n\nAbsätze") == "<p>Zwei</p><p>Absätze</p>"


def test_to_plain_keeps_paragraph_breaks() -> None:
    assert to_plain("<h2>Kurs</h2><p>A</p><ul><li>x</li><li>y</li></ul>") == "Kurs\nA\nx\ny"


@pytest.mark.parametrize(("html", "problem"), [
    ('<p><a href="https://x.de">hier</a></p>', "hier"),
    ('<p><a href="https://x.de"> </a></p>', "keinen Text"),
    ("<h2>A</h2><h4>B</h4>", "h4 nach h2"),
])
def test_accessibility_problems_are_named(html: str, problem: str) -> None:
    problems = accessibility_problems(html)
    assert len(problems) == 1 and problem in problems[0]
    with pytest.raises(ValidationError):
        validate_accessible(html)


def test_good_content_has_no_problems() -> None:
    assert accessibility_problems('<h2>A</h2><h3>B</h3><p><a href="https://x.de">Anmeldung zum Kurs</a></p>') == []
