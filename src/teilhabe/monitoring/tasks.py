"""Background tasks of the monitoring (django-tasks): thin entry points that set the municipality's scope and
call the domain."""

from __future__ import annotations

from django_tasks import task

from teilhabe.core.models import Municipality
from teilhabe.core.tenancy import municipality_scope


@task()
def render_monitoring_document(municipality_id: int, document_id: int) -> None:
    """Render a stored monitoring report (teilhabe.monitoring.documents.rendering.render_stored)."""
    from teilhabe.monitoring.documents import rendering

    municipality = Municipality.objects.get(pk=municipality_id)
    with municipality_scope(municipality):
        rendering.render_stored(document_id)
