"""Every change around an organisation's imported calendar, one function each: subscribe to an address, change
or end a subscription, import an uploaded file, refresh a subscribed feed, refresh every due feed.

An import is all-or-nothing: the payload is parsed completely first (calendar.feeds.parse), then applied in one
transaction (calendar.feeds.sync); any problem rolls everything back, so a broken feed leaves the published
events as they were. The outcome — counts, or the message — is recorded on the `EventFeed` either way, and a
failure of a feed that worked before is mailed to the organisation's members and to Koordination (a background
task, calendar.feeds.tasks)."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.calendar.feeds import fetch, parse, sync
from teilhabe.calendar.models import EventFeed
from teilhabe.calendar.permissions import IMPORT_EVENTS
from teilhabe.core import services as core_services
from teilhabe.core.errors import ServiceError
from teilhabe.core.guard import authorize
from teilhabe.core.models import Municipality, Organisation
from teilhabe.core.roles import Actor
from teilhabe.core.versioning import create_audited, delete_audited, update_audited

logger = logging.getLogger(__name__)

FEED_FIELDS = ["organisation", "origin", "url", "file_name", "name", "interval_hours", "enabled", "publish"]
MAX_FILE_NAME = 200


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    removed: int = 0
    total: int = 0
    unchanged: bool = False  # the feed answered "not modified" or sent the same bytes again
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if self.unchanged:
            return _("Unverändert seit dem letzten Abruf.")
        return _("%(created)d neu, %(updated)d geändert, %(removed)d entfernt (%(total)d Termine im Kalender).") % {
            "created": self.created, "updated": self.updated, "removed": self.removed, "total": self.total}

    def counts(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "removed": self.removed, "total": self.total}


# --- subscriptions ------------------------------------------------------------------------------------------


def _interval(value: Any) -> int:
    allowed = {hours for hours, _label in EventFeed.INTERVALS}
    try:
        hours = int(value)
    except (TypeError, ValueError):
        hours = 0
    if hours not in allowed:
        raise ValidationError({"interval_hours": _("Bitte wählen Sie, wie oft der Kalender abgerufen wird.")})
    return hours


def _check_url(url: str) -> str:
    try:
        return fetch.normalise_url(url)
    except fetch.FetchError as error:
        raise ValidationError({"url": error.message}) from error


def _unique(municipality_id: int, organisation: Organisation, origin: str, url: str, file_name: str,
            exclude_pk: int | None = None) -> None:
    others = EventFeed.objects.filter(municipality_id=municipality_id, organisation=organisation, origin=origin,
                                      url=url, file_name=file_name)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    if others.exists():
        raise ValidationError({"url": _("Diesen Kalender hat die Organisation schon abonniert.")})


def create_feed(*, actor: Actor, municipality: Municipality, organisation: Organisation, url: str,
                interval_hours: int = 24, enabled: bool = True) -> EventFeed:
    """Subscribe `organisation` to the calendar at `url` (fetched on a schedule when outbound calls are on)."""
    authorize(actor, IMPORT_EVENTS, municipality, organisation)
    url = _check_url(url)
    hours = _interval(interval_hours)
    _unique(municipality.pk, organisation, EventFeed.Origin.URL, url, "")
    feed = create_audited(actor=actor, model=EventFeed, audit_fields=FEED_FIELDS, values={
        "municipality": municipality, "organisation": organisation, "origin": EventFeed.Origin.URL, "url": url,
        "interval_hours": hours, "enabled": bool(enabled), "publish": True})
    transaction.on_commit(_schedule)
    return feed


def update_feed(*, actor: Actor, feed: EventFeed, expected_version: int, url: str, interval_hours: int,
                enabled: bool) -> EventFeed:
    authorize(actor, IMPORT_EVENTS, feed)
    values: dict[str, Any] = {"interval_hours": _interval(interval_hours), "enabled": bool(enabled)}
    if feed.origin == EventFeed.Origin.URL:
        values["url"] = _check_url(url)
        _unique(feed.municipality_id, feed.organisation, feed.origin, values["url"], "", exclude_pk=feed.pk)
        if values["url"] != feed.url:  # another address: fetch it whole next time
            values.update(etag="", last_modified="", content_hash="")
    return update_audited(actor=actor, obj=feed, expected_version=expected_version, audit_fields=FEED_FIELDS,
                          values=values)


def delete_feed(*, actor: Actor, feed: EventFeed, expected_version: int) -> int:
    """End the subscription and remove the events that came from it. Returns how many were removed."""
    authorize(actor, IMPORT_EVENTS, feed)
    with transaction.atomic():
        removed = sync.remove_feed_events(actor=actor, feed=feed)
        delete_audited(actor=actor, obj=feed, expected_version=expected_version, audit_fields=FEED_FIELDS)
    return removed


# --- imports ------------------------------------------------------------------------------------------------


def file_feed(*, actor: Actor, municipality: Municipality, organisation: Organisation, file_name: str) -> EventFeed:
    """The feed that stands for uploads of the file `file_name` by `organisation` (created on first upload), so
    that uploading the same calendar again updates the events of the last upload."""
    authorize(actor, IMPORT_EVENTS, municipality, organisation)
    file_name = parse.plain_text(file_name, limit=MAX_FILE_NAME) or "kalender.ics"
    existing = EventFeed.objects.filter(municipality=municipality, organisation=organisation,
                                        origin=EventFeed.Origin.FILE, url="", file_name=file_name).first()
    if existing is not None:
        return existing
    return create_audited(actor=actor, model=EventFeed, audit_fields=FEED_FIELDS, values={
        "municipality": municipality, "organisation": organisation, "origin": EventFeed.Origin.FILE,
        "file_name": file_name, "enabled": False, "publish": True})


def import_file(*, actor: Actor, municipality: Municipality, organisation: Organisation, file_name: str,
                payload: bytes) -> tuple[EventFeed, ImportResult]:
    """Import an uploaded iCalendar file for `organisation`. Raises ServiceError when it cannot be imported —
    then nothing changed: not the events, and no feed is created for a file that was never imported."""
    authorize(actor, IMPORT_EVENTS, municipality, organisation)
    _check_size(payload)
    parsed = parse.parse_feed(payload, default_tz=_zone_of(municipality.pk))
    try:
        with transaction.atomic():
            feed = file_feed(actor=actor, municipality=municipality, organisation=organisation, file_name=file_name)
            result = _apply(actor, feed, parsed)
    except ValidationError as error:
        raise ServiceError(" ".join(error.messages)) from error
    _record_success(feed, result, etag="", last_modified="", digest=hashlib.sha256(payload).hexdigest(),
                    name=parsed.name)
    return feed, result


def _check_size(payload: bytes) -> None:
    if len(payload) > fetch.max_bytes():
        raise ServiceError(_("Die Datei ist größer als %(size)s und wird nicht übernommen.")
                           % {"size": fetch.megabytes(fetch.max_bytes())})


def _apply(actor: Actor, feed: EventFeed, parsed: parse.ParsedFeed) -> ImportResult:
    with transaction.atomic():
        counts = sync.apply(actor=actor, feed=feed, parsed=parsed)
        EventFeed.objects.filter(pk=feed.pk).update(fingerprints=counts.fingerprints)
        feed.fingerprints = counts.fingerprints
    return ImportResult(created=counts.created, updated=counts.updated, removed=counts.removed,
                        total=len(parsed.events), notes=parsed.notes + counts.notes)


def import_payload(*, actor: Actor, feed: EventFeed, payload: bytes, etag: str = "", last_modified: str = "",
                   force: bool = False) -> ImportResult:
    """Parse `payload` and apply it to the feed's events in one transaction; record the outcome on the feed
    (a failure is also mailed, see _record_failure)."""
    authorize(actor, IMPORT_EVENTS, feed)
    digest = hashlib.sha256(payload).hexdigest()
    if not force and feed.content_hash == digest and feed.last_status in {EventFeed.Status.OK,
                                                                          EventFeed.Status.UNCHANGED}:
        result = ImportResult(unchanged=True, total=int(feed.last_counts.get("total", 0)))
        _record_success(feed, result, etag=etag, last_modified=last_modified, digest=digest)
        return result
    try:
        _check_size(payload)
        parsed = parse.parse_feed(payload, default_tz=_zone_of(feed.municipality_id))
        result = _apply(actor, feed, parsed)
    except ValidationError as error:
        _record_failure(feed, " ".join(error.messages))
        raise ServiceError(" ".join(error.messages)) from error
    except ServiceError as error:
        _record_failure(feed, error.message)
        raise
    _record_success(feed, result, etag=etag, last_modified=last_modified, digest=digest, name=parsed.name)
    return result


def refresh_feed(*, actor: Actor, feed: EventFeed, force: bool = False) -> ImportResult:
    """Fetch a subscribed feed (conditionally, unless `force`) and import it. ServiceError on failure."""
    authorize(actor, IMPORT_EVENTS, feed)
    if feed.origin != EventFeed.Origin.URL:
        raise ServiceError(_("Eine hochgeladene Datei wird nicht abgerufen; laden Sie sie erneut hoch."))
    try:
        fetched = fetch.fetch_feed(feed.url, etag="" if force else feed.etag,
                                   last_modified="" if force else feed.last_modified)
    except fetch.FetchError as error:
        _record_failure(feed, error.message)
        raise
    if fetched.not_modified:
        result = ImportResult(unchanged=True, total=int(feed.last_counts.get("total", 0)))
        _record_success(feed, result, etag=fetched.etag, last_modified=fetched.last_modified,
                        digest=feed.content_hash)
        return result
    return import_payload(actor=actor, feed=feed, payload=fetched.body, etag=fetched.etag,
                          last_modified=fetched.last_modified, force=force)


def refresh_due_feeds(*, actor: Actor, municipality: Municipality) -> dict[str, int]:
    """Refresh every subscribed feed of the municipality that is due; one failure does not stop the others."""
    authorize(actor, IMPORT_EVENTS, municipality)
    now = timezone.now()
    outcome = {"refreshed": 0, "unchanged": 0, "failed": 0}
    if not fetch.fetching_enabled():
        return outcome
    for feed in EventFeed.objects.filter(municipality=municipality, origin=EventFeed.Origin.URL, enabled=True):
        if not feed.is_due(now):
            continue
        try:
            result = refresh_feed(actor=actor, feed=feed)
        except ServiceError:
            outcome["failed"] += 1
            continue
        outcome["unchanged" if result.unchanged else "refreshed"] += 1
    return outcome


def import_events(*, actor: Actor, municipality: Municipality, organisation_name: str, source: str,
                  payload: bytes | None = None) -> tuple[EventFeed, ImportResult, bool]:
    """`teilhabe import-events`: import a file (`payload`, named `source`) or the calendar at the address
    `source` (payload None; subscribed, so it is refreshed on schedule) for the organisation of that name, which
    is created if it does not exist. Returns (feed, result, organisation created). All or nothing: a problem
    raises ServiceError and neither the organisation nor any event is created or changed."""
    authorize(actor, IMPORT_EVENTS, municipality)
    name = parse.plain_text(organisation_name, limit=200)
    if not name:
        raise ServiceError(_("Bitte geben Sie den Namen der Organisation an."))
    fetched: fetch.Fetched | None = None
    if payload is None:
        fetched = fetch.fetch_feed(source)
        payload = fetched.body
    _check_size(payload)
    parsed = parse.parse_feed(payload, default_tz=_zone_of(municipality.pk))
    try:
        with transaction.atomic():
            organisation = Organisation.objects.filter(municipality=municipality, name__iexact=name).first()
            created = organisation is None
            if organisation is None:
                organisation = core_services.create_organisation(actor=actor, municipality=municipality, name=name)
            if fetched is not None:
                url = fetch.normalise_url(source)
                feed = (EventFeed.objects.filter(municipality=municipality, organisation=organisation,
                                                 origin=EventFeed.Origin.URL, url=url).first()
                        or create_feed(actor=actor, municipality=municipality, organisation=organisation, url=url))
            else:
                feed = file_feed(actor=actor, municipality=municipality, organisation=organisation,
                                 file_name=source.replace("\\", "/").rsplit("/", 1)[-1])
            result = _apply(actor, feed, parsed)
    except ValidationError as error:
        raise ServiceError(" ".join(error.messages)) from error
    _record_success(feed, result, etag=fetched.etag if fetched else "",
                    last_modified=fetched.last_modified if fetched else "",
                    digest=hashlib.sha256(payload).hexdigest(), name=parsed.name)
    return feed, result, created


# --- recording the outcome ----------------------------------------------------------------------------------


def _schedule() -> None:
    """Make sure the periodic refresh runs (calendar.feeds.tasks); never fails the caller."""
    from teilhabe.calendar.feeds import tasks

    try:
        tasks.schedule_next()
    except Exception:
        logger.exception("Abruf der Kalender-Abonnements nicht eingeplant")


def _zone_of(municipality_id: int) -> str:
    return str(getattr(settings, "TIME_ZONE", "Europe/Berlin") or "Europe/Berlin")


def _record_success(feed: EventFeed, result: ImportResult, *, etag: str, last_modified: str, digest: str,
                    name: str = "") -> None:
    now = timezone.now()
    values: dict[str, Any] = {
        "last_attempt_at": now, "last_success_at": now, "failures": 0,
        "last_status": EventFeed.Status.UNCHANGED if result.unchanged else EventFeed.Status.OK,
        "last_message": " ".join(result.notes[:5] or ([result.summary()] if result.unchanged else []))[:2000],
        "etag": etag[:300], "last_modified": last_modified[:100], "content_hash": digest,
    }
    if not result.unchanged:
        values["last_counts"] = result.counts()
    if name and not feed.name:
        values["name"] = name
    EventFeed.objects.filter(pk=feed.pk).update(**values)
    _refresh_fields(feed, values)


def _record_failure(feed: EventFeed, message: str) -> None:
    """Record the failure (outside the rolled-back import) and, when the feed worked before, tell people."""
    first = feed.last_status != EventFeed.Status.FAILED
    values: dict[str, Any] = {"last_attempt_at": timezone.now(), "last_status": EventFeed.Status.FAILED,
                              "last_message": message[:2000], "failures": feed.failures + 1}
    EventFeed.objects.filter(pk=feed.pk).update(**values)
    _refresh_fields(feed, values)
    if first:
        from teilhabe.calendar.feeds import tasks

        municipality_id, feed_id = feed.municipality_id, feed.pk
        transaction.on_commit(lambda: _enqueue_failure_mail(tasks, municipality_id, feed_id))


def _enqueue_failure_mail(tasks: Any, municipality_id: int, feed_id: int) -> None:
    try:
        tasks.mail_feed_failure.enqueue(municipality_id, feed_id)
    except Exception:  # a mail that cannot be queued must not hide the failure itself
        logger.exception("Kalender-Abonnement %s: Fehlermeldung nicht verschickt", feed_id)


def _refresh_fields(feed: EventFeed, values: Mapping[str, Any]) -> None:
    for name, value in values.items():
        setattr(feed, name, value)
