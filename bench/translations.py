"""Translations of a 1,000-measure plan (10 fields × 10 goals × 10 measures, adopted) into four languages, half of
the titles translated (bulk-inserted): the back office's language page and tree overview, the XLIFF export of a
language, and `localize_all` over the 1,000 measures. Figures: translation_language_ms / _queries,
translation_overview_ms / _queries, translation_xliff_export_ms, translation_localize_1k_ms / _queries."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bench.run import Figures, Harness

LANGUAGES = ["de", "en", "ar", "uk", "ti"]


@dataclass
class TranslationData:
    slug: str
    user: Any


def build() -> TranslationData:
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from bench.plan import build_plan
    from teilhabe.core.models import Municipality
    from teilhabe.core.tenancy import actor_for, municipality_scope
    from teilhabe.plans import services as plan_services
    from teilhabe.plans.models import Edition, Measure
    from teilhabe.translations.models import Translation
    from teilhabe.translations.selectors import source_hash

    data = build_plan(fields=10, goals_per_field=10, measures_per_goal=10, slug="bench-translations-1k")
    municipality = Municipality.objects.get(slug=data.slug)
    municipality.languages = LANGUAGES
    municipality.save()
    with municipality_scope(municipality):
        actor = actor_for(data.user, municipality)
        edition = Edition.objects.get(pk=data.edition_id)
        plan_services.update_edition(actor=actor, edition=edition, expected_version=edition.version, values={
            "status": Edition.Status.ADOPTED, "adopted_on": dt.date(2024, 3, 14)})
        content_type = ContentType.objects.get_for_model(Measure)
        now = timezone.now()
        Translation.objects.bulk_create(
            Translation(municipality=municipality, content_type=content_type, object_id=m.pk, language=lang,
                        field="title", value=f"{lang}: {m.title}", source_hash=source_hash(m.title), translated_at=now)
            for i, m in enumerate(Measure.objects.filter(edition=edition)) if i % 2
            for lang in LANGUAGES[1:])
    return TranslationData(slug=data.slug, user=data.user)


def bench_translations(harness: Harness) -> Figures:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from teilhabe.core.models import Municipality
    from teilhabe.core.roles import Actor
    from teilhabe.core.tenancy import municipality_scope
    from teilhabe.plans.models import Measure
    from teilhabe.translations import selectors, xliff

    data: TranslationData = harness.once("translations_1k", build)
    client = harness.client_for(data.user)
    language_ms, language_queries = harness.measure_get(
        client, reverse("backoffice:translation_language", kwargs={"municipality": data.slug, "language": "ar"}))
    overview_ms, overview_queries = harness.measure_get(
        client, reverse("backoffice:translation_overview", kwargs={"municipality": data.slug}))
    municipality = Municipality.objects.get(slug=data.slug)
    with municipality_scope(municipality):
        start = time.perf_counter()
        xliff.export(actor=Actor.system(municipality.pk), municipality=municipality, language="ar")
        export_ms = (time.perf_counter() - start) * 1000
        measures = list(Measure.objects.filter(municipality=municipality))
        times = []
        for _ in range(harness.runs):
            fresh = Municipality.objects.get(pk=municipality.pk)
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                selectors.localize_all(fresh, measures, "ti")
                times.append((time.perf_counter() - start) * 1000)
        localize_queries = len(ctx.captured_queries)
    return {"translation_language_ms": language_ms, "translation_language_queries": language_queries,
            "translation_overview_ms": overview_ms, "translation_overview_queries": overview_queries,
            "translation_xliff_export_ms": round(export_ms, 1),
            "translation_localize_1k_ms": round(sorted(times)[len(times) // 2], 2),
            "translation_localize_1k_queries": localize_queries}


BENCHMARKS = {"translations": bench_translations}
