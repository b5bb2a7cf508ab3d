"""Named, tenant-aware reads of the monitoring."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from teilhabe.monitoring.models import ImportBatch, Indicator, SeriesBreak


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
