import pytest
from django.core.exceptions import ValidationError

from teilhabe.plans.links import as_link, format_link, parse_link


def test_title_and_address_survive_a_round_trip():
    link = parse_link("Projektseite | https://example.org/projekt")
    assert link == {"title": "Projektseite", "url": "https://example.org/projekt"}
    assert parse_link(format_link(link)) == link


def test_bare_address_is_its_own_title():
    assert parse_link("https://example.org") == {"title": "https://example.org", "url": "https://example.org"}
    assert format_link({"title": "https://example.org", "url": "https://example.org"}) == "https://example.org"


def test_older_plain_string_links_are_read():
    assert as_link("https://example.org") == {"title": "https://example.org", "url": "https://example.org"}


@pytest.mark.parametrize("text", ["javascript:alert(1)", "ftp://example.org", "Titel | keine adresse", ""])
def test_other_schemes_and_garbage_are_refused(text):
    with pytest.raises(ValidationError):
        parse_link(text)
