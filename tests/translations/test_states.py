"""Translation states (missing → up to date → outdated; a minor edit keeps them up to date), the language tree
and the fallback chain."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from teilhabe.core.errors import NotAllowed, ServiceError
from teilhabe.core.tenancy import actor_for
from teilhabe.plans import services as plan_services
from teilhabe.plans.models import Measure
from teilhabe.translations import selectors, services
from teilhabe.translations.selectors import State
from teilhabe.translations.tree import language_tree


def state(measure: Measure, language: str) -> State | None:
    return selectors.load(measure.municipality, [measure], [language]).object_state(measure, language)


def field_state(measure: Measure, name: str, language: str) -> State | None:
    return selectors.load(measure.municipality, [measure], [language]).field_state(measure, name, language)


def edit_title(coord_actor, measure: Measure, title: str) -> Measure:
    return plan_services.update_measure(actor=coord_actor, measure=measure, expected_version=measure.version,
                                        values={"title": title})


def test_missing_then_current_then_outdated(coord_actor, measure):
    assert state(measure, "en") == State.MISSING
    services.save_translations(actor=coord_actor, obj=measure, language="en",
                               values={"title": "Mum learns German"})
    assert field_state(measure, "title", "en") == State.CURRENT
    assert field_state(measure, "description", "en") == State.MISSING
    assert state(measure, "en") == State.MISSING  # the worst field counts
    services.save_translations(actor=coord_actor, obj=measure, language="en",
                               values={"description": "German course for mothers, with childcare."})
    assert state(measure, "en") == State.CURRENT
    measure = edit_title(coord_actor, measure, "Mama lernt Deutsch – Kurs am Vormittag")
    assert field_state(measure, "title", "en") == State.OUTDATED
    assert field_state(measure, "description", "en") == State.CURRENT
    assert state(measure, "en") == State.OUTDATED
    # Translating again brings it up to date.
    services.save_translations(actor=coord_actor, obj=measure, language="en",
                               values={"title": "Mum learns German – morning course"})
    assert state(measure, "en") == State.CURRENT


def test_minor_edit_keeps_translations_up_to_date(coord_actor, measure):
    services.save_translations(actor=coord_actor, obj=measure, language="en", values={"title": "Mum learns German"})
    services.save_translations(actor=coord_actor, obj=measure, language="ar", values={"title": "ماما تتعلم الألمانية"})
    before = {"title": measure.title}
    measure = edit_title(coord_actor, measure, "Mama lernt  Deutsch!")
    assert field_state(measure, "title", "en") == State.OUTDATED
    assert services.accept_minor_edit(measure, before=before) == 2
    assert field_state(measure, "title", "en") == State.CURRENT
    assert field_state(measure, "title", "ar") == State.CURRENT


def test_minor_edit_leaves_an_outdated_translation_outdated(coord_actor, measure):
    services.save_translations(actor=coord_actor, obj=measure, language="en", values={"title": "Mum learns German"})
    measure = edit_title(coord_actor, measure, "Mama lernt Deutsch im Stadtteil")  # a real change
    before = {"title": measure.title}
    measure = edit_title(coord_actor, measure, "Mama lernt Deutsch im Stadtteil.")  # then a typo fix
    assert services.accept_minor_edit(measure, before=before) == 0
    assert field_state(measure, "title", "en") == State.OUTDATED


def test_fallback_chain_follows_the_tree(coord_actor, measure, polyglot):
    services.set_language_parent(actor=coord_actor, municipality=polyglot, language="ti", parent="en",
                                 expected_version=0)
    assert language_tree(polyglot).chain("ti") == ["ti", "en", "de"]
    # Nothing translated: German, marked as such.
    shown = selectors.translated(measure, "title", "ti")
    assert (shown.value, shown.language, shown.is_fallback) == ("Mama lernt Deutsch", "de", True)
    # English exists: Tigrinya readers see English before German.
    services.save_translations(actor=coord_actor, obj=measure, language="en", values={"title": "Mum learns German"})
    shown = selectors.translated(measure, "title", "ti")
    assert (shown.value, shown.language) == ("Mum learns German", "en")
    # Tigrinya translates from English: its source is the English text.
    assert selectors.load(polyglot, [measure], ["ti"]).source_text(measure, "title", "ti") == "Mum learns German"
    services.save_translations(actor=coord_actor, obj=measure, language="ti", values={"title": "ኣደ ጀርመንኛ ትመሃር"})
    shown = selectors.translated(measure, "title", "ti")
    assert (shown.value, shown.language, shown.is_fallback) == ("ኣደ ጀርመንኛ ትመሃር", "ti", False)
    # A new English translation outdates the Tigrinya one, not a change of German alone.
    services.save_translations(actor=coord_actor, obj=measure, language="en", values={"title": "Mothers learn German"})
    assert field_state(measure, "title", "ti") == State.OUTDATED
    # Pashto (no parent set) falls back to German directly.
    assert selectors.translated(measure, "title", "ps").language == "de"


def test_tree_refuses_cycles_and_languages_not_enabled(coord_actor, polyglot):
    services.set_language_parent(actor=coord_actor, municipality=polyglot, language="ti", parent="en",
                                 expected_version=0)
    with pytest.raises(ValidationError) as cycle:
        services.set_language_parent(actor=coord_actor, municipality=polyglot, language="en", parent="ti",
                                     expected_version=0)
    assert "Kreis" in str(cycle.value)
    with pytest.raises(ValidationError):
        services.set_language_parent(actor=coord_actor, municipality=polyglot, language="ti", parent="fr",
                                     expected_version=1)
    with pytest.raises(ValidationError):
        services.set_language_parent(actor=coord_actor, municipality=polyglot, language="de", parent="en",
                                     expected_version=0)
    with pytest.raises(ValidationError):
        services.set_language_parent(actor=coord_actor, municipality=polyglot, language="ti", parent="ti",
                                     expected_version=1)
    assert language_tree(polyglot).chain("ti") == ["ti", "en", "de"]


def test_only_koordination_translates(measure, fachstelle, lesend, polyglot):
    for user in (fachstelle, lesend):
        with pytest.raises(NotAllowed):
            services.save_translations(actor=actor_for(user, polyglot), obj=measure, language="en",
                                       values={"title": "x"})


def test_plain_fields_refuse_markup_and_unknown_languages(coord_actor, measure):
    with pytest.raises(ValidationError):
        services.save_translations(actor=coord_actor, obj=measure, language="en",
                                   values={"title": "<script>alert(1)</script>"})
    with pytest.raises(ServiceError):
        services.save_translations(actor=coord_actor, obj=measure, language="fr", values={"title": "Maman"})
    with pytest.raises(ServiceError):
        services.save_translations(actor=coord_actor, obj=measure, language="de", values={"title": "x"})


def test_concurrent_edit_is_detected(coord_actor, measure):
    services.save_translations(actor=coord_actor, obj=measure, language="en", values={"title": "Mum learns German"},
                               expected_versions={"title": 0})
    with pytest.raises(ServiceError):
        services.save_translations(actor=coord_actor, obj=measure, language="en", values={"title": "Other"},
                                   expected_versions={"title": 0})
    assert selectors.translated(measure, "title", "en").value == "Mum learns German"


def test_list_prefetch_runs_a_fixed_number_of_queries(coord_actor, plan, polyglot):
    services.set_language_parent(actor=coord_actor, municipality=polyglot, language="ti", parent="en",
                                 expected_version=0)
    measures = list(Measure.objects.all())
    for m in measures:
        services.save_translations(actor=coord_actor, obj=m, language="en", values={"title": f"EN {m.title}"})

    def count(objects):
        fresh = type(polyglot).objects.get(pk=polyglot.pk)  # no cached tree
        with CaptureQueriesContext(connection) as ctx:
            selectors.localize_all(fresh, objects, "ti")
        return len(ctx.captured_queries)

    assert count(measures[:1]) == count(measures) == 2  # the tree, the translations
    assert all(m.localized["title"].value == f"EN {m.title}" for m in measures)
    assert {m.localized["title"].language for m in measures} == {"en"}
