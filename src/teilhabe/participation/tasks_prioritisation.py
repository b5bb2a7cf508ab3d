"""Background task of prioritisation: mail a requested ballot link (thin: the service builds and sends it)."""

from __future__ import annotations

from django_tasks import task

from teilhabe.core.tenancy import municipality_scope
from teilhabe.participation.models import Prioritisation
from teilhabe.participation.services import prioritisation as services


@task()
def send_ballot_link(municipality_id: int, prioritisation_id: int, address: str, base_url: str) -> bool:
    with municipality_scope(municipality_id):
        prioritisation = Prioritisation.objects.select_related("municipality").get(pk=prioritisation_id)
        return services.send_ballot_link(prioritisation=prioritisation, address=address, base_url=base_url)
