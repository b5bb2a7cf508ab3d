"""Named, tenant-aware reads of the monitoring."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from teilhabe.core.paging import Page
from teilhabe.monitoring.models import Category, ImportBatch, Indicator, SeriesBreak
from teilhabe.plans.models import FieldOfAction


def indicators() -> QuerySet[Indicator]:
    """Every indicator of the municipality, with what a list shows (rate parts) and its number of values."""
    return (Indicator.objects.select_related("numerator", "denominator")
            .annotate(observation_count=Count("observations", distinct=True)))


def published_indicators() -> QuerySet[Indicator]:
    return indicators().filter(is_published=True)


def indicator_by_key(key: str) -> Indicator:
    return Indicator.objects.select_related("numerator", "denominator").get(key=key)


def series_breaks(indicator: Indicator) -> QuerySet[SeriesBreak]:
    return SeriesBreak.objects.filter(indicator=indicator)


def batches(indicator: Indicator) -> QuerySet[ImportBatch]:
    """The batches of an indicator — or of its numerator and denominator, for a rate — newest first."""
    ids = [indicator.numerator_id, indicator.denominator_id] if indicator.is_rate else [indicator.pk]
    return ImportBatch.objects.filter(indicator_id__in=ids).select_related("created_by", "indicator")


def batches_with_warnings(indicator: Indicator) -> QuerySet[ImportBatch]:
    """Batches whose accepted warnings stay visible next to the data."""
    return batches(indicator).exclude(accepted_warnings=[])


# --- the back office's list of indicators -----------------------------------------------------------------

INDICATORS_PER_PAGE = 50


@dataclass(frozen=True)
class IndicatorFilters:
    field: int | None = None  # a field of action's id
    kind: str = ""  # Kind value, or "rate" for computed rates
    published: bool | None = None
    text: str = ""


def indicator_page(filters: IndicatorFilters, number: int, per_page: int = INDICATORS_PER_PAGE) -> Page[Indicator]:
    """One page of the filtered indicators, with their rate parts, fields of action and number of values (three
    queries whatever the number of indicators: count, page, fields)."""
    qs = Indicator.objects.all()
    if filters.field is not None:
        qs = qs.filter(fields=filters.field)
    if filters.kind == "rate":
        qs = qs.filter(numerator__isnull=False)
    elif filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.published is not None:
        qs = qs.filter(is_published=filters.published)
    if filters.text:
        qs = qs.filter(Q(name__icontains=filters.text) | Q(key__icontains=filters.text))
    total = qs.count()
    num_pages = max(1, -(-total // per_page))
    number = min(max(1, number), num_pages)
    start = (number - 1) * per_page
    items = list(
        qs.select_related("numerator", "denominator")
        .annotate(observation_count=Count("observations", distinct=True))
        .prefetch_related(Prefetch("fields", queryset=FieldOfAction.objects.order_by("position", "pk")))
        .order_by("position", "name", "pk")[start:start + per_page]
    ) if total else []
    return Page(items=items, number=number, num_pages=num_pages, total=total, per_page=per_page)


def count_indicators() -> list[Indicator]:
    """The counts a rate can be computed from."""
    return list(Indicator.objects.filter(numerator__isnull=True, unit="count").order_by("name", "pk"))


def categories() -> QuerySet[Category]:
    return Category.objects.order_by("dimension", "position", "label")
