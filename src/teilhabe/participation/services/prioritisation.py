"""Prioritisation of proposals: set it up, open and close it, take the tally of a dot voting in a meeting or
one online ballot per person, publish the result.

Who votes online: for a body's prioritisation a logged-in member of the body (voter key ``user:<id>``); for a
public one a person who confirmed an e-mail address by following a signed link sent to it (voter key
``mail:<HMAC-SHA256 of the address with SECRET_KEY>`` — the address itself is never stored). The database's
unique constraint on (prioritisation, voter key) refuses a second ballot, also when two arrive at once.

Methods: *points* — each person distributes at most ``points_per_person`` points, at most
``max_points_per_proposal`` on one proposal; the result is the sum of points. *ranking* — each person ranks
proposals 1, 2, 3 … without gaps or duplicates; a proposal on rank r of n proposals gets n − r + 1 points
(Borda count), unranked ones none. *dots* — the moderator enters the dots each proposal got in the meeting."""

from __future__ import annotations

import hashlib
import hmac
import logging
import smtplib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from teilhabe.core import audit
from teilhabe.core.errors import ServiceError
from teilhabe.core.guard import authorize
from teilhabe.core.models import AuditEntry, Municipality
from teilhabe.core.roles import Actor
from teilhabe.core.versioning import create_audited, update_audited
from teilhabe.participation.models import Ballot, BallotChoice, News, Prioritisation, Proposal, Tally
from teilhabe.participation.permissions import ENTER_PROPOSALS, MANAGE_PRIORITISATIONS, SUBMIT_PROPOSALS
from teilhabe.participation.services.news import record_news

FIELDS = ["title", "method", "audience", "body", "meeting", "points_per_person", "max_points_per_proposal",
          "opens_at", "closes_at"]
# What decides how people vote: fixed once the prioritisation is open.
RULE_FIELDS = ["method", "audience", "body", "points_per_person", "max_points_per_proposal"]
AUDIT_FIELDS = [*FIELDS, "state", "participants"]
TOKEN_SALT = "teilhabe.participation.ballot"  # noqa: S105 (a signing salt, not a secret)
TOKEN_MAX_AGE = 7 * 24 * 3600  # a ballot link is valid for a week
MAX_POINTS = 100  # points per person / per proposal: a sane upper bound for any form
logger = logging.getLogger(__name__)


# --- voters -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Voter:
    """Who casts a ballot: `key` is what the database keeps (never an e-mail address in clear)."""

    key: str
    user_id: int | None = None


def member_voter(actor: Actor) -> Voter:
    if actor.user_id is None:
        raise ServiceError(_("Bitte melden Sie sich an, um abzustimmen."))
    return Voter(key=f"user:{actor.user_id}", user_id=actor.user_id)


def normalise_address(address: str) -> str:
    return address.strip().lower()


def mail_voter_key(address: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), normalise_address(address).encode(), hashlib.sha256)
    return f"mail:{digest.hexdigest()}"


def ballot_token(prioritisation: Prioritisation, address: str) -> str:
    """The signed token of a ballot link: it names the prioritisation and the voter key, not the address."""
    return signing.dumps({"p": prioritisation.pk, "v": mail_voter_key(address)}, salt=TOKEN_SALT, compress=True)


def voter_from_token(prioritisation: Prioritisation, token: str) -> Voter:
    """The voter a ballot link names, or ServiceError when the link is forged, expired or for another one."""
    try:
        data = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise ServiceError(_("Der Link zum Stimmzettel ist abgelaufen. Bitte fordern Sie einen neuen an.")) from exc
    except signing.BadSignature as exc:
        raise ServiceError(_("Der Link zum Stimmzettel ist ungültig. Bitte fordern Sie einen neuen an.")) from exc
    if not isinstance(data, dict) or data.get("p") != prioritisation.pk or not str(data.get("v", "")).startswith(
            "mail:"):
        raise ServiceError(_("Der Link zum Stimmzettel gehört nicht zu dieser Priorisierung."))
    return Voter(key=str(data["v"]))


# --- setting up ---------------------------------------------------------------------------------------------


def _clean_proposals(municipality_id: int, proposal_ids: Iterable[Any]) -> list[Proposal]:
    try:
        ids = sorted({int(i) for i in proposal_ids})
    except (TypeError, ValueError) as exc:
        raise ValidationError({"proposals": _("Bitte wählen Sie Vorschläge aus der Liste.")}) from exc
    found = list(Proposal.objects.filter(municipality_id=municipality_id, pk__in=ids,
                                         moderation=Proposal.Moderation.PUBLISHED))
    if len(found) != len(ids):
        raise ValidationError({"proposals": _("Bitte wählen Sie Vorschläge aus der Liste (freigegebene Vorschläge "
                                              "dieser Kommune).")})
    if len(found) < 2:
        raise ValidationError({"proposals": _("Eine Priorisierung braucht mindestens zwei Vorschläge.")})
    return found


def _check_values(municipality_id: int, values: Mapping[str, Any]) -> None:
    errors: dict[str, str] = {}
    body, meeting = values.get("body"), values.get("meeting")
    for name, obj in (("body", body), ("meeting", meeting)):
        if obj is not None and obj.municipality_id != municipality_id:
            errors[name] = _("Bitte wählen Sie aus der Liste.")
    if values.get("audience") == Prioritisation.Audience.BODY and body is None:
        errors["body"] = _("Wenn die Mitglieder eines Gremiums abstimmen, wählen Sie bitte das Gremium.")
    if meeting is not None and body is not None and meeting.body_id not in (None, body.pk):
        errors["meeting"] = _("Die Sitzung gehört zu einem anderen Gremium.")
    if values.get("method") == Prioritisation.Method.DOTS and meeting is None:
        errors["meeting"] = _("Eine Punktabfrage findet in einer Sitzung statt: Bitte wählen Sie die Sitzung.")
    points = values.get("points_per_person") or 0
    if not 1 <= points <= MAX_POINTS:
        errors["points_per_person"] = _("Bitte geben Sie zwischen 1 und %(n)s Punkte an.") % {"n": MAX_POINTS}
    per_proposal = values.get("max_points_per_proposal")
    if per_proposal is not None and not 1 <= per_proposal <= points:
        errors["max_points_per_proposal"] = _(
            "Höchstens so viele Punkte je Vorschlag, wie jede Person hat (1 bis %(n)s).") % {"n": points}
    opens, closes = values.get("opens_at"), values.get("closes_at")
    if opens and closes and closes <= opens:
        errors["closes_at"] = _("Das Ende muss nach dem Beginn liegen.")
    if errors:
        raise ValidationError(errors)


def _authorize_manage(actor: Actor, values: Mapping[str, Any], *objects: Any) -> None:
    """Koordination for any, Moderation for the bodies (and their meetings) it is assigned to: a moderator's
    prioritisation needs a body or meeting of theirs."""
    authorize(actor, MANAGE_PRIORITISATIONS, *objects)
    scope = values.get("meeting") or values.get("body")
    if not actor.holds_fully(MANAGE_PRIORITISATIONS) and scope is None:
        raise ServiceError(_("Bitte wählen Sie ein Gremium, dessen Moderation Sie haben."))
    if scope is not None:
        authorize(actor, MANAGE_PRIORITISATIONS, scope)


def create_prioritisation(*, actor: Actor, municipality: Municipality, values: Mapping[str, Any],
                          proposal_ids: Iterable[Any]) -> Prioritisation:
    values = {k: values[k] for k in FIELDS if k in values}
    _authorize_manage(actor, values, municipality)
    _check_values(municipality.pk, {"points_per_person": 3, **values})
    with transaction.atomic():
        proposals = _clean_proposals(municipality.pk, proposal_ids)
        return create_audited(
            actor=actor, model=Prioritisation, audit_fields=[*AUDIT_FIELDS, "proposals"],
            values={**values, "municipality": municipality, "proposals": proposals})


def update_prioritisation(*, actor: Actor, prioritisation: Prioritisation, expected_version: int,
                          values: Mapping[str, Any], proposal_ids: Iterable[Any] | None = None) -> Prioritisation:
    """Change title and dates at any time before the result is published; the method, who votes, the points
    and the proposals only in the draft (once people vote, the rules stay as they were)."""
    values = {k: values[k] for k in FIELDS if k in values}
    _authorize_manage(actor, {"body": prioritisation.body, "meeting": prioritisation.meeting, **values},
                      prioritisation)
    if prioritisation.result_published_at is not None:
        raise ServiceError(_("Das Ergebnis ist veröffentlicht: Die Priorisierung kann nicht mehr geändert werden."))
    merged = {k: getattr(prioritisation, k) for k in FIELDS} | values
    _check_values(prioritisation.municipality_id, merged)
    with transaction.atomic():
        changes = dict(values)
        if proposal_ids is not None:
            changes["proposals"] = _clean_proposals(prioritisation.municipality_id, proposal_ids)
        if prioritisation.state != Prioritisation.State.DRAFT or _has_votes(prioritisation):
            fixed = [k for k in RULE_FIELDS if k in values and values[k] != getattr(prioritisation, k)]
            if "proposals" in changes and {p.pk for p in changes["proposals"]} != set(
                    prioritisation.proposals.values_list("pk", flat=True)):
                fixed.append("proposals")
            if fixed:
                raise ServiceError(_("Verfahren, Punkte, Abstimmende und Vorschläge lassen sich nur im Entwurf "
                                     "ändern, bevor jemand abgestimmt hat."))
        return update_audited(actor=actor, obj=prioritisation, expected_version=expected_version, values=changes,
                              audit_fields=[*AUDIT_FIELDS, "proposals"])


def _has_votes(prioritisation: Prioritisation) -> bool:
    return (Ballot.objects.filter(prioritisation=prioritisation).exists()
            or Tally.objects.filter(prioritisation=prioritisation).exists())


def _set_state(actor: Actor, prioritisation: Prioritisation, state: str, **extra: Any) -> Prioritisation:
    before = audit.snapshot(prioritisation, ["state", *extra])
    claimed = Prioritisation.objects.filter(pk=prioritisation.pk, version=prioritisation.version).update(
        state=state, version=prioritisation.version + 1, **extra)
    if not claimed:
        raise ServiceError(_("Die Priorisierung wurde inzwischen von jemand anderem geändert. Bitte laden Sie die "
                             "Seite neu."))
    fresh = Prioritisation.objects.get(pk=prioritisation.pk)
    audit.record(actor=actor, municipality=fresh.municipality_id, action=AuditEntry.Action.UPDATE, obj=fresh,
                 changes=audit.diff(before, audit.snapshot(fresh, ["state", *extra])))
    return fresh


def open_prioritisation(*, actor: Actor, prioritisation: Prioritisation) -> Prioritisation:
    """Open an online prioritisation for ballots (a dot voting needs no opening: its tally is entered)."""
    authorize(actor, MANAGE_PRIORITISATIONS, prioritisation)
    if prioritisation.method == Prioritisation.Method.DOTS:
        raise ServiceError(_("Eine Punktabfrage in der Sitzung wird nicht geöffnet: Tragen Sie ihr Ergebnis ein."))
    if prioritisation.state != Prioritisation.State.DRAFT:
        raise ServiceError(_("Nur ein Entwurf kann geöffnet werden."))
    with transaction.atomic():
        return _set_state(actor, prioritisation, Prioritisation.State.OPEN)


def close_prioritisation(*, actor: Actor, prioritisation: Prioritisation) -> Prioritisation:
    authorize(actor, MANAGE_PRIORITISATIONS, prioritisation)
    if prioritisation.state != Prioritisation.State.OPEN:
        raise ServiceError(_("Nur eine offene Priorisierung kann geschlossen werden."))
    with transaction.atomic():
        return _set_state(actor, prioritisation, Prioritisation.State.CLOSED)


def public_path(prioritisation: Prioritisation) -> str:
    return reverse("portal:participation_prioritisation_detail",
                   kwargs={"municipality": prioritisation.municipality.slug, "pk": prioritisation.pk})


def publish_result(*, actor: Actor, prioritisation: Prioritisation) -> Prioritisation:
    """Publish the result of a closed prioritisation (a dot voting: once its tally is entered); subscribers
    hear of it."""
    authorize(actor, MANAGE_PRIORITISATIONS, prioritisation)
    if prioritisation.result_published_at is not None:
        raise ServiceError(_("Das Ergebnis ist bereits veröffentlicht."))
    if prioritisation.method == Prioritisation.Method.DOTS:
        if prioritisation.participants is None:
            raise ServiceError(_("Bitte tragen Sie zuerst das Ergebnis der Punktabfrage ein."))
    elif prioritisation.state != Prioritisation.State.CLOSED:
        raise ServiceError(_("Bitte schließen Sie die Priorisierung, bevor Sie das Ergebnis veröffentlichen."))
    with transaction.atomic():
        fresh = _set_state(actor, prioritisation, Prioritisation.State.CLOSED, result_published_at=timezone.now())
        fields = []
        if fresh.body is not None:
            fields = list(fresh.body.fields_of_action.values_list("title", flat=True))
        record_news(municipality=fresh.municipality, kind=News.Kind.PRIORITISATION,
                    text=_("Ergebnis der Priorisierung „%(title)s“ veröffentlicht") % {"title": fresh.title},
                    url=public_path(fresh), body=fresh.body, field_titles=fields, meeting=fresh.meeting)
    return fresh


# --- dot voting in a meeting ----------------------------------------------------------------------------------


def _proposal_ids(prioritisation: Prioritisation) -> set[int]:
    return set(prioritisation.proposals.values_list("pk", flat=True))


def _as_int(value: Any, message: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError) as exc:
        raise ServiceError(message) from exc
    if number < 0:
        raise ServiceError(message)
    return number


def enter_tally(*, actor: Actor, prioritisation: Prioritisation, participants: Any,
                dots: Mapping[Any, Any]) -> Prioritisation:
    """Enter (or correct, until the result is published) the dots each proposal got in the meeting and how
    many people gave dots. Each proposal of the prioritisation gets a number (missing ones count 0); the dots
    cannot exceed what the participants had."""
    authorize(actor, ENTER_PROPOSALS, prioritisation)
    if prioritisation.method != Prioritisation.Method.DOTS:
        raise ServiceError(_("Punkte aus der Sitzung werden nur bei einer Punktabfrage eingetragen."))
    if prioritisation.result_published_at is not None:
        raise ServiceError(_("Das Ergebnis ist veröffentlicht: Die Punkte können nicht mehr geändert werden."))
    people = _as_int(participants, _("Bitte geben Sie die Zahl der Teilnehmenden als ganze Zahl ab 1 an."))
    if people < 1:
        raise ServiceError(_("Bitte geben Sie die Zahl der Teilnehmenden als ganze Zahl ab 1 an."))
    allowed = _proposal_ids(prioritisation)
    counts: dict[int, int] = {}
    for key, value in dots.items():
        pid = _as_int(key, _("Unbekannter Vorschlag."))
        if pid not in allowed:
            raise ServiceError(_("Ein Vorschlag gehört nicht zu dieser Priorisierung."))
        counts[pid] = _as_int(value, _("Bitte geben Sie die Punkte als ganze Zahl ab 0 an."))
    per_proposal = prioritisation.max_points_per_proposal or prioritisation.points_per_person
    if any(n > people * per_proposal for n in counts.values()):
        raise ServiceError(_("Ein Vorschlag hat mehr Punkte, als %(people)s Personen mit höchstens %(max)s Punkten "
                             "je Vorschlag vergeben können.") % {"people": people, "max": per_proposal})
    if sum(counts.values()) > people * prioritisation.points_per_person:
        raise ServiceError(_("Zusammen sind es mehr Punkte, als %(people)s Personen mit je %(points)s Punkten "
                             "vergeben können.") % {"people": people, "points": prioritisation.points_per_person})
    with transaction.atomic():
        before = {str(t.proposal_id): t.dots for t in Tally.objects.filter(prioritisation=prioritisation)}
        Tally.objects.filter(prioritisation=prioritisation).delete()
        Tally.objects.bulk_create([
            Tally(municipality_id=prioritisation.municipality_id, prioritisation=prioritisation, proposal_id=pid,
                  dots=counts.get(pid, 0))
            for pid in sorted(allowed)])
        fresh = _set_state(actor, prioritisation, Prioritisation.State.CLOSED, participants=people)
        after = {str(pid): counts.get(pid, 0) for pid in sorted(allowed)}
        if before != after:
            audit.record(actor=actor, municipality=fresh.municipality_id, action=AuditEntry.Action.UPDATE,
                         obj=fresh, changes={"tally": [before, after]})
    return fresh


# --- online ballots --------------------------------------------------------------------------------------------


def check_open(prioritisation: Prioritisation, now: Any = None) -> None:
    now = now or timezone.now()
    if prioritisation.method == Prioritisation.Method.DOTS:
        raise ServiceError(_("Bei dieser Priorisierung wird in der Sitzung abgestimmt, nicht online."))
    if prioritisation.state == Prioritisation.State.DRAFT or (
            prioritisation.opens_at is not None and now < prioritisation.opens_at):
        raise ServiceError(_("Die Abstimmung hat noch nicht begonnen."))
    if prioritisation.state == Prioritisation.State.CLOSED or (
            prioritisation.closes_at is not None and now >= prioritisation.closes_at):
        raise ServiceError(_("Die Abstimmung ist beendet. Stimmzettel werden nicht mehr angenommen."))


def may_vote_as_member(actor: Actor | None, prioritisation: Prioritisation) -> bool:
    return (actor is not None and actor.user_id is not None and prioritisation.body is not None
            and prioritisation.audience == Prioritisation.Audience.BODY
            and actor.can(SUBMIT_PROPOSALS) and actor.user_id in prioritisation.body.assigned_user_ids())


def _clean_choices(prioritisation: Prioritisation, values: Mapping[Any, Any]) -> dict[int, int]:
    allowed = _proposal_ids(prioritisation)
    cleaned: dict[int, int] = {}
    for key, value in values.items():
        pid = _as_int(key, _("Unbekannter Vorschlag."))
        if pid not in allowed:
            raise ServiceError(_("Ein Vorschlag gehört nicht zu dieser Priorisierung."))
        if value in (None, ""):
            continue
        cleaned[pid] = _as_int(value, _("Bitte geben Sie ganze Zahlen ab 0 an."))
    if prioritisation.method == Prioritisation.Method.POINTS:
        cleaned = {pid: n for pid, n in cleaned.items() if n > 0}
        limit = prioritisation.max_points_per_proposal
        if limit is not None and any(n > limit for n in cleaned.values()):
            raise ServiceError(_("Sie können einem Vorschlag höchstens %(n)s Punkte geben.") % {"n": limit})
        total = sum(cleaned.values())
        if total > prioritisation.points_per_person:
            raise ServiceError(_("Sie haben %(total)s Punkte vergeben, aber nur %(n)s zur Verfügung.")
                               % {"total": total, "n": prioritisation.points_per_person})
        if total == 0:
            raise ServiceError(_("Bitte vergeben Sie mindestens einen Punkt."))
    else:
        cleaned = {pid: r for pid, r in cleaned.items() if r > 0}
        ranks = sorted(cleaned.values())
        if not ranks:
            raise ServiceError(_("Bitte geben Sie mindestens einem Vorschlag den Rang 1."))
        if ranks != list(range(1, len(ranks) + 1)):
            raise ServiceError(_("Bitte vergeben Sie die Ränge 1, 2, 3 … ohne Lücken und jeden Rang nur einmal."))
    return cleaned


def submit_ballot(*, prioritisation: Prioritisation, voter: Voter, choices: Mapping[Any, Any],
                  actor: Actor | None = None, now: Any = None) -> Ballot:
    """Take one person's ballot: `choices` maps proposal ids to points (points) or ranks (ranking; 1 is first,
    empty or 0 = not ranked). A member's ballot needs the actor (a member of the body); a public one the voter
    from a confirmed ballot link. Everything is checked before anything is written; a second ballot of the same
    person is refused by the database."""
    if prioritisation.audience == Prioritisation.Audience.BODY:
        if not may_vote_as_member(actor, prioritisation) or voter.user_id != getattr(actor, "user_id", None):
            raise ServiceError(_("Bei dieser Priorisierung stimmen nur die Mitglieder des Gremiums ab."))
    elif not voter.key.startswith("mail:"):
        raise ServiceError(_("Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse über den Link zum Stimmzettel."))
    check_open(prioritisation, now)
    cleaned = _clean_choices(prioritisation, choices)
    method = prioritisation.method
    try:
        with transaction.atomic():
            ballot = Ballot.objects.create(municipality_id=prioritisation.municipality_id,
                                           prioritisation=prioritisation, voter_key=voter.key, user_id=voter.user_id)
            BallotChoice.objects.bulk_create([
                BallotChoice(municipality_id=prioritisation.municipality_id, ballot=ballot,
                             prioritisation=prioritisation, proposal_id=pid,
                             points=value if method == Prioritisation.Method.POINTS else 0,
                             rank=value if method == Prioritisation.Method.RANKING else None)
                for pid, value in sorted(cleaned.items())])
    except IntegrityError as exc:
        raise ServiceError(_("Sie haben bei dieser Priorisierung bereits abgestimmt. Jede Person hat einen "
                             "Stimmzettel.")) from exc
    return ballot


def has_voted(prioritisation: Prioritisation, voter: Voter) -> bool:
    return Ballot.objects.filter(prioritisation=prioritisation, voter_key=voter.key).exists()


# --- ballot links by e-mail -------------------------------------------------------------------------------


def ballot_url(prioritisation: Prioritisation, address: str, base_url: str) -> str:
    path = reverse("portal:participation_prioritisation_ballot",
                   kwargs={"municipality": prioritisation.municipality.slug, "pk": prioritisation.pk,
                           "token": ballot_token(prioritisation, address)})
    return base_url.rstrip("/") + path


def request_ballot_link(*, prioritisation: Prioritisation, address: str, base_url: str) -> None:
    """A person asks for a ballot of a public prioritisation: the link goes to the address (once the
    transaction commits), which confirms it. The answer is the same whether or not the address voted already,
    so it reveals nothing."""
    from teilhabe.participation import tasks_prioritisation

    if prioritisation.audience != Prioritisation.Audience.PUBLIC:
        raise ServiceError(_("Bei dieser Priorisierung stimmen nur die Mitglieder des Gremiums ab."))
    check_open(prioritisation)
    try:
        validate_email(address)
    except ValidationError as exc:
        raise ServiceError(_("Bitte geben Sie eine gültige E-Mail-Adresse an.")) from exc
    address = normalise_address(address)
    transaction.on_commit(lambda: tasks_prioritisation.send_ballot_link.enqueue(
        prioritisation.municipality_id, prioritisation.pk, address, base_url))


def send_ballot_link(*, prioritisation: Prioritisation, address: str, base_url: str) -> bool:
    municipality = prioritisation.municipality
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Ihr Stimmzettel: %(title)s – %(municipality)s") % {
            "title": prioritisation.title, "municipality": municipality.name}
        body = render_to_string("participation/mail/ballot_link.txt", {
            "municipality": municipality, "prioritisation": prioritisation,
            "url": ballot_url(prioritisation, address, base_url)}).strip() + "\n"
    try:
        return bool(EmailMessage(subject=subject[:200], body=body, to=[address]).send())
    except (OSError, smtplib.SMTPException):
        logger.exception("Priorisierung %s: Link zum Stimmzettel nicht gesendet", prioritisation.pk)
        return False
