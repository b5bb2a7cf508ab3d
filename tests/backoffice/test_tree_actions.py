"""The plan tree has one actions menu per field and goal ("Aktionen für <title>") instead of four links on
every node; readers get none."""

from __future__ import annotations

import re
from typing import Any

import pytest

from teilhabe.plans import services
from teilhabe.plans.models import FieldOfAction, Goal

pytestmark = pytest.mark.django_db


def html(response: Any) -> str:
    assert response.status_code == 200
    return response.content.decode()


def menu_of(page: str, title: str) -> str:
    match = re.search(rf'<details class="tree-actions"><summary class="tree-actions__toggle" '
                      rf'aria-label="Aktionen für {re.escape(title)}">Aktionen</summary>'
                      rf'<ul class="tree-actions__list">(.*?)</ul></details>', page, re.S)
    assert match, f"no actions menu for {title}"
    return match.group(1)


def test_one_actions_menu_per_field_and_goal(client_for, koordination, edition, url):
    page = html(client_for(koordination).get(url("tree")))
    fields, goals = FieldOfAction.objects.filter(edition=edition), Goal.objects.filter(edition=edition)
    assert page.count('<details class="tree-actions">') == fields.count() + goals.count()
    teil = Goal.objects.get(title="Sprache fördern")
    links = re.findall(r'<li><a class="kern-link" href="([^"]+)">([^<]+)</a></li>', menu_of(page, "Sprache fördern"))
    assert [text for _href, text in links] == ["Bearbeiten", "Unterziel hinzufügen", "Maßnahme hinzufügen", "Löschen"]
    assert links[0][0] == url("goal_edit", pk=teil.pk)
    assert links[2][0] == f'{url("measure_create")}?ausgabe={edition.pk}&amp;ziel={teil.pk}'
    field = fields.get(title="Bildung und Sprachförderung")
    field_links = re.findall(r'href="([^"]+)">([^<]+)<', menu_of(page, field.title))
    assert [text for _href, text in field_links] == ["Bearbeiten", "Ziel hinzufügen", "Maßnahme hinzufügen",
                                                     "Löschen"]
    # The move buttons stay next to the menu; no loose action links are left in the tree.
    assert page.count('class="tree-move"') > 0
    assert not re.search(r'<div class="tree-tools">(?:(?!<details).)*?<a ', page, re.S)


def test_titles_in_the_menu_label_are_escaped(coord_actor, client_for, koordination, edition, url):
    field = FieldOfAction.objects.filter(edition=edition).first()
    services.update_field(actor=coord_actor, field=field, expected_version=field.version,
                          values={"title": 'Bildung & "Sprache"'})
    page = html(client_for(koordination).get(url("tree")))
    assert 'aria-label="Aktionen für Bildung &amp; &quot;Sprache&quot;"' in page


def test_readers_and_archived_editions_get_no_menus(client_for, lesend, plan, url):
    page = html(client_for(lesend).get(url("tree")))
    assert "tree-actions" not in page


def test_english_menu_label(client_for, koordination, edition, url):
    client = client_for(koordination)
    client.cookies["django_language"] = "en"
    page = html(client.get(url("tree")))
    assert 'aria-label="Actions for Sprache fördern">Actions</summary>' in page
