"""Background tasks of the directory: thin entry points that set the municipality's scope and call services."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from teilhabe.core import services as core_services
from teilhabe.core.models import Membership, Municipality
from teilhabe.core.roles import Actor
from teilhabe.core.tenancy import municipality_scope
from teilhabe.directory import notifications
from teilhabe.directory.models import InventoryRound


@task()
def send_editor_invitation(municipality_id: int, membership_id: int, base_url: str) -> str:
    """Mail an invited organisation editor the one-time link to set their password."""
    with municipality_scope(municipality_id):
        membership = Membership.objects.select_related("user", "municipality").get(pk=membership_id)
        core_services.send_invitation(actor=Actor.system(municipality_id), membership=membership, base_url=base_url)
        return membership.user.email


logger = logging.getLogger(__name__)


@task()
def send_inventory_reminders_task(municipality_id: int) -> dict[str, int]:
    """Send the municipality's due inventory reminders (nothing when none is due)."""
    municipality = Municipality.objects.get(pk=municipality_id)
    with municipality_scope(municipality):
        result = notifications.send_due_reminders(municipality, now=timezone.now(),
                                                  base_url=settings.TEILHABE_BASE_URL)
    return {"mails": result.mails, "failed": result.failed}


def schedule_reminders(round_: InventoryRound) -> None:
    """Once the transaction commits, enqueue the reminder task for the moment the round's reminder falls due
    (now, if that moment has passed but the deadline has not). A run that finds nothing due sends nothing, so a
    moved deadline needs no cancelling."""
    moment = notifications.reminder_moment(round_)
    if moment is None:
        return
    municipality_id = round_.municipality_id

    def enqueue() -> None:
        try:
            backend = send_inventory_reminders_task.get_backend()
            if moment > timezone.now() and backend.supports_defer:
                send_inventory_reminders_task.using(run_after=moment).enqueue(municipality_id)
            elif moment <= timezone.now():
                send_inventory_reminders_task.enqueue(municipality_id)
        except Exception:  # scheduling must not undo the round
            logger.exception("Bestandsaufnahme %s: Erinnerung nicht eingeplant", round_.pk)

    transaction.on_commit(enqueue)
