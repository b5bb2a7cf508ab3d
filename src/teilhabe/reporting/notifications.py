"""E-mails of reporting rounds: the personal link for an external partner, "returned" and "accepted" for the
office that answered, and reminders before the deadline and to late offices.

Who is written to (`recipients_for`): the members (Fachstelle or Koordination) whose membership names an
addressed org unit or one of its parent units (a member of an Amt answers for its Abteilungen), the members
whose membership names an addressed organisation, and the address of the organisation's current partner link
in the round. A fixed number of queries, however many reports.

Bodies are plain text, rendered in German from templates/reporting/mail/. A mail server that is down never
undoes what was done (a review stays done, a reminder is tried again on the next run): it is logged."""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from teilhabe.core.errors import ServiceError
from teilhabe.core.models import Membership, Municipality, OrgUnit
from teilhabe.core.roles import Role
from teilhabe.core.tenancy import municipality_scope
from teilhabe.reporting.models import MeasureReport, PartnerLink, ReportingRound

logger = logging.getLogger(__name__)

MAIL_ERRORS = (OSError, smtplib.SMTPException)
LATE_REMINDER_EVERY = dt.timedelta(days=7)
REMINDER_HOUR = 7  # reminders scheduled by the task go out at 7:00 local time
ANSWERING_ROLES = (Role.FACHSTELLE, Role.KOORDINATION)
OWED = (MeasureReport.State.PENDING, MeasureReport.State.DRAFT, MeasureReport.State.RETURNED)


# --- who is written to ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Recipient:
    """One address; `link` is set when it is an external partner's (its mails carry the personal link)."""

    email: str
    link: PartnerLink | None = None


def _recipients_by_report(reports: Sequence[MeasureReport]) -> dict[int, dict[str, Recipient]]:
    """MeasureReport id → the addresses its mails go to (lower-cased address → recipient). Seven queries at most."""
    report_ids = [r.pk for r in reports]
    result: dict[int, dict[str, Recipient]] = {pk: {} for pk in report_ids}
    if not report_ids:
        return result
    units_through: Any = MeasureReport.addressed_org_units.through
    organisations_through: Any = MeasureReport.addressed_organisations.through
    units_of: dict[int, set[int]] = defaultdict(set)
    for report_id, unit_id in units_through.objects.filter(measurereport_id__in=report_ids).values_list(
            "measurereport_id", "orgunit_id"):
        units_of[report_id].add(unit_id)
    organisations_of: dict[int, set[int]] = defaultdict(set)
    for report_id, organisation_id in organisations_through.objects.filter(measurereport_id__in=report_ids).values_list(
            "measurereport_id", "organisation_id"):
        organisations_of[report_id].add(organisation_id)

    # An addressed unit is answered by the members of the unit and of every unit above it.
    ancestors: dict[int, set[int]] = {}
    if units_of:
        parent_of: dict[int, int | None] = dict(OrgUnit.objects.values_list("pk", "parent_id"))
        for unit_id in set().union(*units_of.values()):
            chain: set[int] = set()
            current: int | None = unit_id
            while current is not None and current not in chain:
                chain.add(current)
                current = parent_of.get(current)
            ancestors[unit_id] = chain
    members_of_unit: dict[int, set[str]] = defaultdict(set)
    wanted_units = set().union(*ancestors.values()) if ancestors else set()
    if wanted_units:
        rows = Membership.org_units.through.objects.filter(
            orgunit_id__in=sorted(wanted_units), membership__role__in=ANSWERING_ROLES,
            membership__user__is_active=True).exclude(membership__user__email="").values_list(
            "orgunit_id", "membership__user__email")
        for unit_id, email in rows:
            members_of_unit[unit_id].add(email)
    members_of_organisation: dict[int, set[str]] = defaultdict(set)
    links: dict[tuple[int, int], PartnerLink] = {}
    wanted_organisations = set().union(*organisations_of.values()) if organisations_of else set()
    if wanted_organisations:
        organisation_rows = Membership.organisations.through.objects.filter(
            organisation_id__in=sorted(wanted_organisations), membership__role__in=ANSWERING_ROLES,
            membership__user__is_active=True).exclude(membership__user__email="").values_list(
            "organisation_id", "membership__user__email")
        for organisation_id, email in organisation_rows:
            members_of_organisation[organisation_id].add(email)
        now = timezone.now()
        for link in (PartnerLink.objects.filter(round_id__in={r.round_id for r in reports},
                                                organisation_id__in=sorted(wanted_organisations),
                                                revoked_at__isnull=True, expires_at__gt=now)
                     .exclude(email="").select_related("round", "organisation").order_by("created_at", "pk")):
            links[(link.round_id, link.organisation_id)] = link  # the newest wins

    # A report addressed to nobody (a measure without a lead) is Koordination's to answer.
    unaddressed = [r for r in reports if r.pk not in units_of and r.pk not in organisations_of]
    coordination = sorted(set(
        Membership.objects.filter(municipality_id=reports[0].municipality_id, role=Role.KOORDINATION,
                                  user__is_active=True).exclude(user__email="")
        .values_list("user__email", flat=True))) if unaddressed else []
    for report in unaddressed:
        for email in coordination:
            result[report.pk].setdefault(email.lower(), Recipient(email))

    for report in reports:
        found = result[report.pk]
        for unit_id in units_of.get(report.pk, ()):
            for above in ancestors[unit_id]:
                for email in members_of_unit.get(above, ()):
                    found.setdefault(email.lower(), Recipient(email))
        for organisation_id in organisations_of.get(report.pk, ()):
            for email in members_of_organisation.get(organisation_id, ()):
                found.setdefault(email.lower(), Recipient(email))
            link = links.get((report.round_id, organisation_id))
            if link is not None:
                found[link.email.lower()] = Recipient(link.email, link)
    return result


def recipients_for(report_or_reports: MeasureReport | Iterable[MeasureReport]) -> list[str]:
    """The e-mail addresses of the offices a report (or each of several) is addressed to, sorted."""
    reports = [report_or_reports] if isinstance(report_or_reports, MeasureReport) else list(report_or_reports)
    found: dict[str, str] = {}
    for recipients in _recipients_by_report(reports).values():
        for key, recipient in recipients.items():
            found.setdefault(key, recipient.email)
    return sorted(found.values(), key=str.lower)


# --- addresses in mails --------------------------------------------------------------------------------

def _absolute(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path


def partner_url(link: PartnerLink, *, base_url: str, slug: str = "") -> str:
    """The personal link's address: the partner's page in the portal."""
    slug = slug or Municipality.objects.values_list("slug", flat=True).get(pk=link.municipality_id)
    return _absolute(base_url, reverse("portal:partner_reports", kwargs={"municipality": slug, "token": link.token}))


def answer_url(report: MeasureReport, slug: str, *, base_url: str) -> str:
    """Where an office answers a report in the back office."""
    return _absolute(base_url, reverse("backoffice:report_answer", kwargs={"municipality": slug, "pk": report.pk}))


def inbox_url(slug: str, *, base_url: str) -> str:
    return _absolute(base_url, reverse("backoffice:my_measures", kwargs={"municipality": slug}))


# --- sending -------------------------------------------------------------------------------------------

def _render(template: str, context: dict[str, Any]) -> str:
    with translation.override(settings.LANGUAGE_CODE):  # the offices work in German
        return render_to_string(f"reporting/mail/{template}", context).strip() + "\n"


def _message(subject: str, body: str, to: str, connection: Any = None) -> EmailMessage:
    return EmailMessage(subject=subject.replace("\n", " ")[:200], body=body, to=[to], connection=connection)


def _send(messages: Sequence[EmailMessage], what: str) -> list[bool]:
    """Send each message; a failure is logged and does not stop the others. Whether each one went out."""
    sent: list[bool] = []
    if not messages:
        return sent
    try:
        connection = get_connection()
        connection.open()
    except MAIL_ERRORS:
        logger.exception("%s: Verbindung zum Mailserver fehlgeschlagen, %d E-Mail(s) nicht gesendet",
                         what, len(messages))
        return [False] * len(messages)
    try:
        for message in messages:
            message.connection = connection
            try:
                sent.append(bool(message.send()))
            except MAIL_ERRORS:
                logger.exception("%s: E-Mail an %s nicht gesendet", what, ", ".join(message.to))
                sent.append(False)
    finally:
        try:
            connection.close()
        except MAIL_ERRORS:
            logger.warning("%s: Verbindung zum Mailserver nicht sauber geschlossen", what)
    return sent


def send_partner_link(link: PartnerLink, *, base_url: str) -> None:
    """Mail an external partner its personal link: the address, until when it works, the round's deadline and
    the reports it opens. Raises ServiceError (German) when the link has no address, no longer works or the
    mail server refuses; `sent_at` records a mail that went out. The caller has authorised the link (it was
    created or is shown by Koordination)."""
    link = PartnerLink.objects.select_related("round", "organisation").get(pk=link.pk)
    if not link.email:
        raise ServiceError(_("Für diesen Link ist keine E-Mail-Adresse hinterlegt."))
    if not link.is_valid() or link.round.state != ReportingRound.State.OPEN:
        raise ServiceError(_("Dieser Link gilt nicht mehr (abgelaufen, widerrufen, ersetzt oder die Runde ist "
                             "abgeschlossen); bitte erstellen Sie einen neuen."))
    municipality = Municipality.objects.get(pk=link.municipality_id)
    reports = list(MeasureReport.objects.filter(round_id=link.round_id, addressed_organisations=link.organisation_id)
                   .order_by("field_position", "position", "pk"))
    context = {"link": link, "round": link.round, "organisation": link.organisation, "municipality": municipality,
               "reports": reports, "url": partner_url(link, base_url=base_url, slug=municipality.slug)}
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("%(round)s: Ihr persönlicher Link zum Bericht – %(municipality)s") % {
            "round": link.round.title, "municipality": municipality.name}
    sent = _send([_message(subject, _render("partner_link.txt", context), link.email)],
                 f"Partnerlink {link.pk}")
    if not all(sent):
        raise ServiceError(_("Die E-Mail konnte nicht gesendet werden (der Mailserver ist nicht erreichbar oder "
                             "hat abgelehnt). Der Link gilt trotzdem; versuchen Sie es später noch einmal oder "
                             "geben Sie ihn auf anderem Weg weiter."))
    PartnerLink.objects.filter(pk=link.pk).update(sent_at=timezone.now())


def _review_mails(report: MeasureReport, template: str, subject: str, base_url: str) -> None:
    with municipality_scope(report.municipality_id):
        report = MeasureReport.objects.select_related("round").get(pk=report.pk)
        municipality = Municipality.objects.get(pk=report.municipality_id)
        messages = []
        for recipient in _recipients_by_report([report])[report.pk].values():
            url = (partner_url(recipient.link, base_url=base_url, slug=municipality.slug) if recipient.link
                   else answer_url(report, municipality.slug, base_url=base_url))
            context = {"report": report, "round": report.round, "municipality": municipality, "url": url,
                       "partner": recipient.link is not None}
            messages.append(_message(subject, _render(template, context), recipient.email))
        _send(messages, f"Bericht {report.pk}")


def notify_returned(report: MeasureReport, *, base_url: str) -> None:
    """Tell the office that Koordination returned its report: the comment and where to answer again."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Bericht zurückgegeben: %(title)s") % {"title": str(report)}
    _review_mails(report, "returned.txt", subject, base_url)


def notify_accepted(report: MeasureReport, *, base_url: str) -> None:
    """Tell the office that its report was accepted."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Bericht angenommen: %(title)s") % {"title": str(report)}
    _review_mails(report, "accepted.txt", subject, base_url)


def after_review(report: MeasureReport, kind: str) -> None:
    """What services.accept / return_report run once the review is committed: the mail, whose failure (of
    any kind) is logged and never reaches the person who reviewed."""
    try:
        if kind == "returned":
            notify_returned(report, base_url=settings.TEILHABE_BASE_URL)
        else:
            notify_accepted(report, base_url=settings.TEILHABE_BASE_URL)
    except Exception:  # the review is committed; a mail must not turn it into an error page
        logger.exception("Bericht %s: Benachrichtigung (%s) nicht gesendet", report.pk, kind)


# --- reminders -----------------------------------------------------------------------------------------

@dataclass
class ReminderResult:
    mails: int = 0  # mails that went out
    failed: int = 0  # mails the server refused (tried again on the next run)
    rounds_before: list[int] = field(default_factory=list)  # rounds reminded before their deadline
    late_reports: int = 0  # late reports reminded
    recipients: list[str] = field(default_factory=list)


def _today(now: dt.datetime) -> dt.date:
    return timezone.localdate(now)


def before_reminder_due(round_: ReportingRound, today: dt.date) -> bool:
    return (round_.remind_days_before > 0 and round_.reminded_before_at is None
            and round_.deadline - dt.timedelta(days=round_.remind_days_before) <= today <= round_.deadline)


def send_due_reminders(municipality: Municipality, *, now: dt.datetime | None = None,
                       base_url: str) -> ReminderResult:
    """Send what is due in the municipality's open rounds: (a) `remind_days_before` days before the
    deadline, once per round, to every office that still owes reports; (b) after the deadline, to the offices
    of late reports, at most every seven days per report. One mail per address, listing all its owed reports
    of both kinds. Running it again sends nothing new; a mail the server refused is tried again next time.
    A fixed number of queries, however many reports."""
    now = now or timezone.now()
    today = _today(now)
    result = ReminderResult()
    with municipality_scope(municipality):
        rounds = {r.pk: r for r in ReportingRound.objects.filter(municipality=municipality,
                                                                 state=ReportingRound.State.OPEN)}
        before = {pk for pk, r in rounds.items() if before_reminder_due(r, today)}
        late = {pk for pk, r in rounds.items() if today > r.deadline}
        if not before and not late:
            return result
        cutoff = now - LATE_REMINDER_EVERY
        late_q = Q(round_id__in=sorted(late)) & (Q(last_reminded_at__isnull=True) | Q(last_reminded_at__lte=cutoff))
        reports = list(MeasureReport.objects.filter(state__in=OWED).filter(Q(round_id__in=sorted(before)) | late_q)
                       .order_by("round__deadline", "round_id", "field_position", "position", "pk"))
        late_ids = [r.pk for r in reports if r.round_id in late]

        # Claim first, so that a second run at the same time finds nothing to do.
        claimed_rounds = [pk for pk in sorted(before) if ReportingRound.objects.filter(
            pk=pk, reminded_before_at__isnull=True).update(reminded_before_at=now)]
        if late_ids:
            MeasureReport.objects.filter(pk__in=late_ids).filter(
                Q(last_reminded_at__isnull=True) | Q(last_reminded_at__lte=cutoff)).update(last_reminded_at=now)
            claimed_late = set(MeasureReport.objects.filter(pk__in=late_ids, last_reminded_at=now)
                               .values_list("pk", flat=True))
        else:
            claimed_late = set()
        reports = [r for r in reports if r.round_id in claimed_rounds or r.pk in claimed_late]
        for report in reports:
            report.round = rounds[report.round_id]

        # One mail per address with every report it owes, by round.
        owed: dict[str, list[MeasureReport]] = defaultdict(list)
        who: dict[str, Recipient] = {}
        links: dict[str, dict[int, PartnerLink]] = defaultdict(dict)
        recipients_of = _recipients_by_report(reports)
        for report in reports:
            for key, recipient in recipients_of[report.pk].items():
                owed[key].append(report)
                if recipient.link is not None:
                    links[key][recipient.link.round_id] = recipient.link
                    who[key] = recipient
                else:
                    who.setdefault(key, recipient)
        by_pk = {r.pk: r for r in reports}
        keys = sorted(owed)
        messages = [_reminder_message(who[key], owed[key], links[key], municipality, today, base_url)
                    for key in keys]
        sent = _send(messages, f"Erinnerungen {municipality.slug}")

        # What reached nobody is tried again next time (a report or round without any address is done).
        reached: set[int] = set()
        missed: set[int] = set()
        for key, ok in zip(keys, sent, strict=True):
            (reached if ok else missed).update(r.pk for r in owed[key])
        missed -= reached
        retry_rounds = {by_pk[pk].round_id for pk in missed} - {by_pk[pk].round_id for pk in reached}
        if missed:
            MeasureReport.objects.filter(pk__in=sorted(missed & claimed_late)).update(last_reminded_at=None)
            ReportingRound.objects.filter(pk__in=sorted(retry_rounds & set(claimed_rounds))).update(
                reminded_before_at=None)
        result.mails = sum(sent)
        result.failed = len(sent) - result.mails
        result.rounds_before = [pk for pk in claimed_rounds if pk not in retry_rounds]
        result.late_reports = len(claimed_late - missed)
        result.recipients = [who[key].email for key, ok in zip(keys, sent, strict=True) if ok]
    return result


def _reminder_message(recipient: Recipient, reports: list[MeasureReport], links: dict[int, PartnerLink],
                      municipality: Municipality, today: dt.date, base_url: str) -> EmailMessage:
    groups: list[dict[str, Any]] = []
    for report in reports:
        if not groups or groups[-1]["round"].pk != report.round_id:
            link = links.get(report.round_id)
            groups.append({"round": report.round, "late": today > report.round.deadline,
                           "days_left": (report.round.deadline - today).days, "reports": [],
                           "url": partner_url(link, base_url=base_url, slug=municipality.slug) if link else ""})
        groups[-1]["reports"].append(report)
    context = {"groups": groups, "municipality": municipality, "partner": recipient.link is not None,
               "inbox_url": "" if recipient.link else inbox_url(municipality.slug, base_url=base_url),
               "any_late": any(g["late"] for g in groups), "count": len(reports)}
    with translation.override(settings.LANGUAGE_CODE):
        if context["any_late"]:
            subject = _("Erinnerung: Berichte überfällig – %(municipality)s") % {"municipality": municipality.name}
        else:
            subject = _("Erinnerung: Berichte bis %(deadline)s – %(municipality)s") % {
                "deadline": groups[0]["round"].deadline.strftime("%d.%m.%Y"), "municipality": municipality.name}
    return _message(subject, _render("reminder.txt", context), recipient.email)


# --- when reminders are due ----------------------------------------------------------------------------

def reminder_moments(round_: ReportingRound) -> list[dt.datetime]:
    """When the reminders of a round fall due (7:00 local time): `remind_days_before` days before the deadline
    (if set) and the day after the deadline (the first late reminder)."""
    moments = []
    tz = timezone.get_current_timezone()
    days = [-round_.remind_days_before] if round_.remind_days_before > 0 else []
    for offset in [*days, 1]:
        day = round_.deadline + dt.timedelta(days=offset)
        moments.append(dt.datetime.combine(day, dt.time(REMINDER_HOUR), tzinfo=tz))
    return moments
