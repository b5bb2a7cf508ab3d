"""Background tasks of participation meetings (django-tasks): thin entry points that set the municipality's
scope and call the domain. The invitation mails and the registration confirmations go out here, after the
service's transaction; `purge_registrations_task` deletes registrations whose retention has ended, once a
day, and plans its own next run (started by `teilhabe purge-registrations --schedule`, which `make run`
calls, or run by cron as `teilhabe purge-registrations`)."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone
from django_tasks import task

from teilhabe.core.models import Municipality
from teilhabe.core.tenancy import across_municipalities, municipality_scope
from teilhabe.participation.models import BodyMember, Meeting, Registration

logger = logging.getLogger(__name__)

PURGE_TICK = dt.timedelta(days=1)


def enqueue(task_: Any, *args: Any) -> None:
    """Queue a task; a queue that fails must not undo the change that asked for it (logged)."""
    try:
        task_.enqueue(*args)
    except Exception:
        logger.exception("Aufgabe %s nicht eingeplant", getattr(task_, "name", task_))


@task()
def send_invitation_task(municipality_id: int, meeting_id: int) -> dict[str, int]:
    from teilhabe.participation import mails
    from teilhabe.participation.services.invitations import recipients

    municipality = Municipality.objects.get(pk=municipality_id)
    with municipality_scope(municipality):
        meeting = (Meeting.objects.filter(municipality=municipality, pk=meeting_id)
                   .select_related("body", "municipality")
                   .prefetch_related("fields_of_action", "sessions__field_of_action",
                                     Prefetch("body__members", queryset=BodyMember.objects.select_related("user")))
                   .first())
        if meeting is None or meeting.state == Meeting.State.CANCELLED:
            return {"mails": 0, "failed": 0}
        sent = mails.send_all(mails.invitation_messages(meeting, recipients(meeting)), f"Einladung {meeting.pk}")
    return {"mails": sum(sent), "failed": len(sent) - sum(sent)}


@task()
def send_registration_confirmation_task(municipality_id: int, registration_id: int) -> int:
    from teilhabe.participation import mails

    municipality = Municipality.objects.get(pk=municipality_id)
    with municipality_scope(municipality):
        registration = (Registration.objects.filter(municipality=municipality, pk=registration_id)
                        .select_related("meeting", "meeting__municipality", "municipality").first())
        if registration is None:  # withdrawn before the mail went out
            return 0
        return sum(mails.send_all([mails.registration_confirmation(registration)],
                                  f"Anmeldung {registration.pk}"))


def purge_all(municipality: Municipality | None = None, *, today: dt.date | None = None) -> int:
    """Delete the expired registrations of one municipality or of all that have registrations."""
    from teilhabe.participation.services.registrations import purge_expired

    if municipality is None:
        with across_municipalities():
            ids = sorted(set(Registration.objects.values_list("municipality_id", flat=True)))
        municipalities = list(Municipality.objects.filter(pk__in=ids))
    else:
        municipalities = [municipality]
    total = 0
    for each in municipalities:
        with municipality_scope(each):
            total += purge_expired(municipality=each, today=today)
    return total


@task()
def purge_registrations_task() -> int:
    try:
        return purge_all()
    finally:
        schedule_purge(timezone.now() + PURGE_TICK)


def schedule_purge(run_after: dt.datetime | None = None) -> bool:
    """Plan the next `purge_registrations_task` unless one is planned already. Whether one was planned."""
    backend = purge_registrations_task.get_backend()
    if not backend.supports_defer:  # the immediate backend: cron (teilhabe purge-registrations) does it
        return False
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # another backend: it cannot be asked, plan anyway
        pass
    else:
        if DBTaskResult.objects.filter(task_path=purge_registrations_task.module_path, status="READY").exists():
            return False
    purge_registrations_task.using(run_after=run_after or timezone.now()).enqueue()
    return True
