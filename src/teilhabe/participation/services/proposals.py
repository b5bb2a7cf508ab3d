"""Every change of proposals and recommendations (Vorschläge, Empfehlungen): entered from a meeting by its
moderator, submitted online by the public or a body's member (moderated), published or rejected, answered in
public with a status, merged into a related proposal, edited, linked to measures and adopted as a measure of a
plan edition (the trace kept both ways through ProposalMeasure). See docs/participation-proposals.md."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from teilhabe.core import audit
from teilhabe.core.errors import NotAllowed, ServiceError
from teilhabe.core.guard import authorize
from teilhabe.core.models import AuditEntry, Municipality, Organisation
from teilhabe.core.richtext import sanitize, to_plain, validate_accessible
from teilhabe.core.roles import Actor
from teilhabe.participation.models import Body, Meeting, MeetingSession, News, Proposal, ProposalMeasure
from teilhabe.participation.permissions import ANSWER_PROPOSALS, ENTER_PROPOSALS, SUBMIT_PROPOSALS
from teilhabe.participation.proposal_mail import answer_after_commit
from teilhabe.participation.services.news import record_news
from teilhabe.plans import services as plan_services
from teilhabe.plans.models import Edition, FieldOfAction, Goal, Measure

AUDIT_FIELDS = [
    "title", "text", "field_of_action", "origin", "meeting", "session", "proposer_kind", "proposer_organisation",
    "proposer_body", "proposer_name", "moderation", "moderation_comment", "status", "answer", "merged_into",
]
# What an edit may change (moderation, status, answer and merging have their own services).
EDITABLE_FIELDS = ["title", "text", "field_of_action", "meeting", "session", "proposer_kind",
                   "proposer_organisation", "proposer_body", "proposer_name"]
TEXT_MAX = 10_000
ANSWER_MAX = 5_000
# Statuses set through answer_proposal; MERGED only through merge_proposals.
ANSWER_STATUSES = (Proposal.Status.SUBMITTED, Proposal.Status.UNDER_CONSIDERATION, Proposal.Status.ACCEPTED,
                   Proposal.Status.NOT_PURSUED)

# Which model each reference of a proposal points to (for resolving ids given by forms and the API).
REFERENCES: dict[str, type[models.Model]] = {
    "field_of_action": FieldOfAction, "meeting": Meeting, "session": MeetingSession,
    "proposer_organisation": Organisation, "proposer_body": Body,
}


# --- values ----------------------------------------------------------------------------------------------


def resolve_references(municipality: Municipality, ids: Mapping[str, Any]) -> dict[str, Any]:
    """Ids (from a form or the API) as objects of this municipality. An id of another municipality, or one
    that does not exist, is refused with a message at its field — never skipped."""
    resolved: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for name, value in ids.items():
        model = REFERENCES[name]
        if value in (None, "", 0):
            resolved[name] = None
            continue
        try:
            pk = int(value)
        except (TypeError, ValueError):
            pk = -1
        obj = model._default_manager.filter(municipality_id=municipality.pk, pk=pk).first() if pk > 0 else None
        if obj is None:
            errors[name] = [_("Bitte wählen Sie einen Eintrag aus der Liste.")]
        resolved[name] = obj
    if errors:
        raise ValidationError(errors)
    return resolved


def _clean_text(text: str) -> str:
    cleaned = sanitize(str(text or ""))
    if not to_plain(cleaned):
        raise ValidationError({"text": [_("Bitte beschreiben Sie den Vorschlag.")]})
    if len(cleaned) > TEXT_MAX:
        raise ValidationError({"text": [_("Der Vorschlag ist zu lang (höchstens %(n)s Zeichen).") % {"n": TEXT_MAX}]})
    try:
        validate_accessible(cleaned)
    except ValidationError as exc:
        raise ValidationError({"text": exc.messages}) from exc
    return cleaned


def _check_values(municipality_id: int, values: dict[str, Any]) -> dict[str, Any]:
    """The proposal's values checked together: rich text sanitised, every reference of this municipality,
    the session of the meeting, the proposer consistent with its kind."""
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("Unbekannte Felder: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    if "text" in values:
        values["text"] = _clean_text(values["text"])
    if "title" in values:
        values["title"] = " ".join(str(values["title"] or "").split())
    for name in REFERENCES:
        obj = values.get(name)
        if obj is not None and getattr(obj, "municipality_id", None) != municipality_id:
            raise ValidationError({name: [_("Bitte wählen Sie einen Eintrag aus der Liste.")]})
    session, meeting = values.get("session"), values.get("meeting")
    if session is not None and (meeting is None or session.meeting_id != meeting.pk):
        raise ValidationError({"session": [_("Die Teilsitzung gehört nicht zu der gewählten Sitzung.")]})
    kind = values.get("proposer_kind") or Proposal.ProposerKind.ANONYMOUS
    if kind not in Proposal.ProposerKind.values:
        raise ValidationError({"proposer_kind": [_("Bitte wählen Sie, wer den Vorschlag macht.")]})
    values["proposer_kind"] = kind
    values["proposer_name"] = " ".join(str(values.get("proposer_name") or "").split())
    if kind == Proposal.ProposerKind.ORGANISATION and values.get("proposer_organisation") is None:
        raise ValidationError({"proposer_organisation": [_("Bitte wählen Sie die Organisation, die vorschlägt.")]})
    if kind == Proposal.ProposerKind.BODY and values.get("proposer_body") is None:
        raise ValidationError({"proposer_body": [_("Bitte wählen Sie das Gremium, das vorschlägt.")]})
    if kind == Proposal.ProposerKind.PERSON and not values["proposer_name"]:
        raise ValidationError({"proposer_name": [_("Bitte nennen Sie den Namen, der öffentlich erscheinen soll.")]})
    if kind != Proposal.ProposerKind.ORGANISATION:
        values["proposer_organisation"] = None
    if kind != Proposal.ProposerKind.PERSON:
        values["proposer_name"] = ""
    if kind == Proposal.ProposerKind.ANONYMOUS:
        values["proposer_body"] = None
    return values


def _full_values(values: Mapping[str, Any]) -> dict[str, Any]:
    full: dict[str, Any] = dict.fromkeys(REFERENCES)
    full.update({"title": "", "text": "", "proposer_kind": Proposal.ProposerKind.ANONYMOUS, "proposer_name": ""})
    full.update(values)
    return full


def public_path(proposal: Proposal) -> str:
    """The proposal's page on the portal (without host), for news and mails."""
    try:
        return reverse("portal:participation_proposals_detail",
                       kwargs={"municipality": proposal.municipality.slug, "pk": proposal.pk})
    except NoReverseMatch:  # the portal's URLs are not loaded (a command without them)
        return ""


def _field_titles(proposal: Proposal) -> list[str]:
    return [proposal.field_of_action.title] if proposal.field_of_action is not None else []


def _news(proposal: Proposal, text: str) -> None:
    if not proposal.is_public:
        return
    body = proposal.meeting.body if proposal.meeting is not None else proposal.proposer_body
    record_news(municipality=proposal.municipality, kind=News.Kind.PROPOSAL, text=text, url=public_path(proposal),
                body=body, field_titles=_field_titles(proposal), meeting=proposal.meeting, proposal=proposal)


def _create(actor: Actor | None, municipality: Municipality, values: Mapping[str, Any]) -> Proposal:
    with transaction.atomic():
        proposal = Proposal(municipality=municipality, **values)
        proposal.full_clean(exclude=["merged_into"])
        proposal.save()
        audit.record(actor=actor, municipality=municipality, action=AuditEntry.Action.CREATE, obj=proposal,
                     changes={k: [None, v] for k, v in audit.snapshot(proposal, AUDIT_FIELDS).items()
                              if v not in (None, "", [], False)})
    return proposal


def _update(actor: Actor | None, proposal: Proposal, expected_version: int | None,
            values: Mapping[str, Any]) -> Proposal:
    """update_audited against `expected_version` (None: the current one, for services acting on a fresh row)."""
    from teilhabe.core.versioning import update_audited

    version = proposal.version if expected_version is None else expected_version
    return update_audited(actor=actor, obj=proposal, expected_version=version, values=values,
                          audit_fields=AUDIT_FIELDS)


# --- entering and submitting -----------------------------------------------------------------------------


def enter_proposal(*, actor: Actor, municipality: Municipality, values: Mapping[str, Any]) -> Proposal:
    """A proposal collected in a meeting (or a session of it), entered by its moderator or by Koordination:
    published at once. A moderator enters only for the meetings of their bodies."""
    checked = _check_values(municipality.pk, _full_values(values))
    context = checked.get("meeting") or checked.get("proposer_body")
    if context is None and not actor.holds_fully(ENTER_PROPOSALS):
        raise NotAllowed(_("Bitte wählen Sie die Sitzung, in der der Vorschlag gesammelt wurde."))
    authorize(actor, ENTER_PROPOSALS, context, checked.get("session"), checked.get("field_of_action"),
              checked.get("proposer_organisation"))
    return _create(actor, municipality, {
        **checked, "origin": Proposal.Origin.MEETING, "moderation": Proposal.Moderation.PUBLISHED,
        "submitted_by_id": actor.user_id})


def submit_proposal(*, municipality: Municipality, values: Mapping[str, Any], actor: Actor | None = None,
                    email: str = "") -> Proposal:
    """A proposal submitted online: by the public through the portal form (actor None), or by a body's
    member for their body (SUBMIT_PROPOSALS). It waits for moderation (ANSWER_PROPOSALS) before the public
    sees it. `email`, if given, is kept for the answer and never shown."""
    values = dict(values)
    if actor is None:  # the public: no meeting, no body chosen on their behalf
        if {"meeting", "session", "proposer_body"} & {k for k, v in values.items() if v is not None}:
            raise ValidationError(_("Ein Vorschlag über das Portal nennt keine Sitzung und kein Gremium."))
        if values.get("proposer_kind") == Proposal.ProposerKind.BODY:
            raise ValidationError({"proposer_kind": [_("Bitte wählen Sie, wer den Vorschlag macht.")]})
    checked = _check_values(municipality.pk, _full_values(values))
    if actor is not None:
        body = checked.get("proposer_body")
        if body is None and not actor.holds_fully(SUBMIT_PROPOSALS):
            raise ValidationError({"proposer_body": [_("Bitte wählen Sie Ihr Gremium.")]})
        authorize(actor, SUBMIT_PROPOSALS, body, checked.get("field_of_action"), checked.get("proposer_organisation"))
        if checked.get("meeting") is not None:
            authorize(actor, SUBMIT_PROPOSALS, checked["meeting"])
    email = str(email or "").strip()
    if email:
        from django.core.validators import validate_email

        try:
            validate_email(email)
        except ValidationError as exc:
            raise ValidationError({"submitter_email": [_("Bitte geben Sie eine gültige E-Mail-Adresse an.")]}) from exc
    return _create(actor, municipality, {
        **checked, "origin": Proposal.Origin.ONLINE, "moderation": Proposal.Moderation.PENDING,
        "submitter_email": email, "submitted_by_id": actor.user_id if actor is not None else None})


# --- moderation, answer, merging, editing ----------------------------------------------------------------


def moderate_proposal(*, actor: Actor, proposal: Proposal, expected_version: int, publish: bool,
                      comment: str = "") -> Proposal:
    """Publish an online proposal, or reject it with a comment (for the record; the public does not see a
    rejected proposal)."""
    authorize(actor, ANSWER_PROPOSALS, proposal)
    comment = str(comment or "").strip()
    if not publish and not comment:
        raise ValidationError({"moderation_comment": [_("Bitte begründen Sie, warum der Vorschlag nicht "
                                                        "veröffentlicht wird.")]})
    if len(comment) > ANSWER_MAX:
        raise ValidationError({"moderation_comment": [_("Der Kommentar ist zu lang.")]})
    moderation = Proposal.Moderation.PUBLISHED if publish else Proposal.Moderation.REJECTED
    return _update(actor, proposal, expected_version, {"moderation": moderation, "moderation_comment": comment})


def answer_proposal(*, actor: Actor, proposal: Proposal, expected_version: int, status: str,
                    answer: str = "") -> Proposal:
    """Set the status with a public answer. "Nicht weiterverfolgt" needs a reason; "als Maßnahme übernommen"
    needs a linked measure (link_measure or adopt_as_measure); merging has its own service."""
    authorize(actor, ANSWER_PROPOSALS, proposal)
    answer = str(answer or "").strip()
    if status == Proposal.Status.MERGED:
        raise ValidationError({"status": [_("Zum Zusammenführen wählen Sie bitte den Vorschlag, in den dieser "
                                            "aufgeht.")]})
    if status not in ANSWER_STATUSES:
        raise ValidationError({"status": [_("Bitte wählen Sie einen Stand aus der Liste.")]})
    if not proposal.is_public:
        raise ServiceError(_("Der Vorschlag ist nicht freigegeben; erst nach der Freigabe bekommt er eine "
                             "öffentliche Antwort."))
    if status == Proposal.Status.NOT_PURSUED and not answer:
        raise ValidationError({"answer": [_("Bitte begründen Sie, warum der Vorschlag nicht weiterverfolgt wird.")]})
    if status == Proposal.Status.ACCEPTED and not proposal.measure_links.exists():
        raise ValidationError({"status": [_("Verknüpfen Sie den Vorschlag zuerst mit einer Maßnahme oder "
                                            "übernehmen Sie ihn als Maßnahme.")]})
    if len(answer) > ANSWER_MAX:
        raise ValidationError({"answer": [_("Die Antwort ist zu lang (höchstens %(n)s Zeichen).")
                                          % {"n": ANSWER_MAX}]})
    with transaction.atomic():
        before = proposal.status
        saved = _update(actor, proposal, expected_version, {"status": status, "answer": answer,
                                                             "merged_into": None})
        if saved.status != before or saved.answer != proposal.answer:
            answer_after_commit(saved)
        if saved.status != before:
            _news(saved, _("Vorschlag „%(title)s“: %(status)s") % {"title": saved.title,
                                                                    "status": saved.get_status_display()})
    return saved


def merge_proposals(*, actor: Actor, proposal: Proposal, into: Proposal, expected_version: int,
                    answer: str = "") -> Proposal:
    """Merge `proposal` into the related `into`: it keeps its own text and history, shows where it went, and
    gets the status "zusammengeführt"; `into` records what was merged into it."""
    authorize(actor, ANSWER_PROPOSALS, proposal, into)
    if into.pk == proposal.pk:
        raise ValidationError({"merged_into": [_("Ein Vorschlag kann nicht in sich selbst aufgehen.")]})
    into = Proposal.objects.get(pk=into.pk)  # its current state, not what the caller last read
    if into.status == Proposal.Status.MERGED:
        raise ValidationError({"merged_into": [_("„%(title)s“ ist selbst schon zusammengeführt; wählen Sie den "
                                                 "Vorschlag, in den er aufging.") % {"title": into.title}]})
    if not proposal.is_public or not into.is_public:
        raise ServiceError(_("Nur freigegebene Vorschläge lassen sich zusammenführen."))
    answer = str(answer or "").strip() or _("Zusammengeführt mit „%(title)s“.") % {"title": into.title}
    if len(answer) > ANSWER_MAX:
        raise ValidationError({"answer": [_("Die Antwort ist zu lang.")]})
    with transaction.atomic():
        saved = _update(actor, proposal, expected_version, {
            "status": Proposal.Status.MERGED, "merged_into": into, "answer": answer})
        audit.record(actor=actor, municipality=into.municipality_id, action=AuditEntry.Action.UPDATE, obj=into,
                     changes={"merged_from": [None, f"{saved.title} (#{saved.pk})"]})
        _news(saved, _("Vorschlag „%(title)s“ wurde mit „%(into)s“ zusammengeführt.")
              % {"title": saved.title, "into": into.title})
        answer_after_commit(saved)
    return saved


def update_proposal(*, actor: Actor, proposal: Proposal, expected_version: int,
                    values: Mapping[str, Any]) -> Proposal:
    """Edit text, field of action, meeting and proposer: Koordination, or the moderator of its body."""
    perm = ANSWER_PROPOSALS if actor.can(ANSWER_PROPOSALS) else ENTER_PROPOSALS
    authorize(actor, perm, proposal)
    current = {name: getattr(proposal, name) for name in EDITABLE_FIELDS}
    checked = _check_values(proposal.municipality_id, {**current, **values})
    authorize(actor, perm, checked.get("session"), checked.get("field_of_action"), checked.get("proposer_organisation"),
              checked.get("proposer_body") if perm is ANSWER_PROPOSALS else None)
    context = checked.get("meeting") or checked.get("proposer_body")
    if perm is ENTER_PROPOSALS and context != (current["meeting"] or current["proposer_body"]):
        if context is None:
            raise NotAllowed(_("Bitte wählen Sie die Sitzung, in der der Vorschlag gesammelt wurde."))
        authorize(actor, perm, context)
    return _update(actor, proposal, expected_version, checked)


# --- measures --------------------------------------------------------------------------------------------


def _measure_titles(proposal: Proposal) -> list[str]:
    return sorted(f"{m.title} (#{m.pk})" for m in Measure.objects.filter(proposal_links__proposal=proposal))


def link_measure(*, actor: Actor, proposal: Proposal, measure: Measure) -> ProposalMeasure:
    """Keep that the measure came from this proposal (both pages show it)."""
    authorize(actor, ANSWER_PROPOSALS, proposal, measure)
    with transaction.atomic():
        if ProposalMeasure.objects.filter(proposal=proposal, measure=measure).exists():
            raise ValidationError({"measure": [_("Der Vorschlag ist mit dieser Maßnahme schon verknüpft.")]})
        before = _measure_titles(proposal)
        link = ProposalMeasure.objects.create(municipality_id=proposal.municipality_id, proposal=proposal,
                                              measure=measure, linked_by_id=actor.user_id)
        Proposal.objects.filter(pk=proposal.pk).update(version=models.F("version") + 1)
        proposal.refresh_from_db(fields=["version"])
        audit.record(actor=actor, municipality=proposal.municipality_id, action=AuditEntry.Action.UPDATE,
                     obj=proposal, changes={"measures": [before, _measure_titles(proposal)]})
    return link


def unlink_measure(*, actor: Actor, proposal: Proposal, measure: Measure) -> Proposal:
    """Remove a link made by mistake. A proposal accepted as measure without any measure left is back
    "in Prüfung"."""
    authorize(actor, ANSWER_PROPOSALS, proposal, measure)
    with transaction.atomic():
        before = _measure_titles(proposal)
        deleted, _rows = ProposalMeasure.objects.filter(proposal=proposal, measure=measure).delete()
        if not deleted:
            raise ValidationError({"measure": [_("Der Vorschlag ist mit dieser Maßnahme nicht verknüpft.")]})
        changes: dict[str, list[Any]] = {"measures": [before, _measure_titles(proposal)]}
        values: dict[str, Any] = {"version": models.F("version") + 1}
        if proposal.status == Proposal.Status.ACCEPTED and not proposal.measure_links.exists():
            values["status"] = Proposal.Status.UNDER_CONSIDERATION
            changes["status"] = [Proposal.Status.ACCEPTED.value, Proposal.Status.UNDER_CONSIDERATION.value]
        Proposal.objects.filter(pk=proposal.pk).update(**values)
        proposal.refresh_from_db()
        audit.record(actor=actor, municipality=proposal.municipality_id, action=AuditEntry.Action.UPDATE,
                     obj=proposal, changes=changes)
    return proposal


def adopt_as_measure(*, actor: Actor, proposal: Proposal, edition: Edition, field_of_action: FieldOfAction,
                     goal: Goal | None = None, is_key_project: bool = False, title: str | None = None,
                     answer: str = "", expected_version: int | None = None) -> Measure:
    """Carry a (chosen) proposal on as a new measure — or key project — of `edition` (through the plans'
    own service, with its rules), link it, and answer the proposal "als Maßnahme übernommen". All or
    nothing. `expected_version` None acts on the proposal as it is now."""
    authorize(actor, ANSWER_PROPOSALS, proposal, edition, field_of_action, goal)
    if proposal.status == Proposal.Status.MERGED:
        raise ServiceError(_("Der Vorschlag ist in einen anderen aufgegangen; übernehmen Sie bitte jenen."))
    if not proposal.is_public:
        raise ServiceError(_("Nur freigegebene Vorschläge lassen sich als Maßnahme übernehmen."))
    if field_of_action.edition_id != edition.pk:
        raise ValidationError({"field_of_action": [_("Das Handlungsfeld gehört zu einer anderen Ausgabe des "
                                                     "Plans.")]})
    if goal is not None and goal.field_id != field_of_action.pk:
        raise ValidationError({"goal": [_("Das Ziel gehört zu einem anderen Handlungsfeld.")]})
    measure_title = " ".join(str(title or proposal.title).split())[:300]
    description = html.unescape(to_plain(proposal.text)).replace("<", "‹").replace(">", "›")[:5000]
    with transaction.atomic():
        values: dict[str, Any] = {"field": field_of_action, "title": measure_title, "description": description,
                                  "is_key_project": bool(is_key_project)}
        if goal is not None:
            values["goals"] = [goal]
        measure = plan_services.create_measure(actor=actor, edition=edition, values=values)
        link_measure(actor=actor, proposal=proposal, measure=measure)
        version = proposal.version if expected_version is None else expected_version + 1
        kind = _("Schlüsselprojekt") if is_key_project else _("Maßnahme")
        text = str(answer or "").strip() or _("Als %(kind)s „%(title)s“ in den Plan „%(plan)s“ (%(edition)s) "
                                               "übernommen.") % {"kind": kind, "title": measure.title,
                                                                 "plan": edition.plan.title,
                                                                 "edition": edition.name}
        saved = _update(actor, proposal, version, {"status": Proposal.Status.ACCEPTED, "answer": text[:ANSWER_MAX],
                                                   "merged_into": None})
        _news(saved, _("Vorschlag „%(title)s“ wurde als %(kind)s übernommen.") % {"title": saved.title,
                                                                                 "kind": kind})
        answer_after_commit(saved)
    return measure
