"""Back office forms of proposals: the list's filters, entering and editing a proposal, moderation, the
public answer, merging, linking a measure and adopting the proposal as a measure."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.backoffice.flow import VersionedForm
from teilhabe.core.forms import KernForm
from teilhabe.core.validators import validate_no_markup
from teilhabe.participation.models import Body, Meeting, MeetingSession, Proposal
from teilhabe.participation.services.proposals import ANSWER_MAX, TEXT_MAX
from teilhabe.plans.models import FieldOfAction, Goal, Measure

EVERY = ("", _("alle"))
NONE = ("", "–")


def _field_label(field: FieldOfAction) -> str:
    return f"{field.title} ({field.edition.plan.title}, {field.edition.name})"


def _id_field(label: Any, required: bool = False, **kwargs: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, required=required, coerce=int, empty_value=None, **kwargs)


class ProposalFilterForm(KernForm):
    """GET filters; an unknown value is ignored (shown at its field)."""

    q = forms.CharField(label=_("Suche"), required=False, max_length=100)
    handlungsfeld = _id_field(_("Handlungsfeld"))
    stand = forms.ChoiceField(label=_("Stand"), required=False)
    gremium = _id_field(_("Gremium"))
    sitzung = _id_field(_("Sitzung"))
    freigabe = forms.ChoiceField(label=_("Freigabe"), required=False)

    def __init__(self, *args: Any, fields: list[FieldOfAction], bodies: list[Body], meetings: list[Meeting],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["handlungsfeld"].choices = [EVERY] + [(f.pk, _field_label(f)) for f in fields]  # type: ignore[attr-defined]
        self.fields["stand"].choices = [EVERY, *Proposal.Status.choices]  # type: ignore[attr-defined]
        self.fields["gremium"].choices = [EVERY] + [(b.pk, b.name) for b in bodies]  # type: ignore[attr-defined]
        self.fields["sitzung"].choices = [EVERY] + [  # type: ignore[attr-defined]
            (m.pk, f"{m.title} ({m.starts_at:%d.%m.%Y})") for m in meetings]
        self.fields["freigabe"].choices = [EVERY, *Proposal.Moderation.choices]  # type: ignore[attr-defined]

    def valid_values(self) -> dict[str, Any]:
        self.is_valid()
        return {name: self.cleaned_data.get(name) or None for name in self.fields if name not in self.errors}


class ProposalForm(VersionedForm):
    title = forms.CharField(label=_("Titel"), max_length=200, validators=[validate_no_markup])
    text = forms.CharField(label=_("Vorschlag"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 8}),
                           help_text=_("Absätze durch Leerzeilen; einfache Formatierung wird übernommen, alles "
                                       "andere entfernt."))
    field_of_action = _id_field(_("Handlungsfeld"))
    meeting = _id_field(_("Sitzung"), help_text=_("Die Sitzung, in der der Vorschlag gesammelt wurde."))
    session = _id_field(_("Teilsitzung"), help_text=_("z. B. die Fokusgruppe oder der Tisch im World Café."))
    proposer_kind = forms.ChoiceField(label=_("Wer schlägt vor"), choices=Proposal.ProposerKind.choices)
    proposer_body = _id_field(_("Gremium"))
    proposer_organisation = _id_field(_("Organisation"))
    proposer_name = forms.CharField(label=_("Name (öffentlich)"), max_length=200, required=False,
                                    validators=[validate_no_markup])

    def __init__(self, *args: Any, fields: list[FieldOfAction], meetings: list[Meeting],
                 sessions: list[MeetingSession], bodies: list[Body], organisations: list[Any],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["field_of_action"].choices = [NONE] + [(f.pk, _field_label(f)) for f in fields]  # type: ignore[attr-defined]
        self.fields["meeting"].choices = [NONE] + [  # type: ignore[attr-defined]
            (m.pk, f"{m.title} ({m.starts_at:%d.%m.%Y})") for m in meetings]
        self.fields["session"].choices = [NONE] + [  # type: ignore[attr-defined]
            (s.pk, f"{s.meeting.title}: {s.title}") for s in sessions]
        self.fields["proposer_body"].choices = [NONE] + [(b.pk, b.name) for b in bodies]  # type: ignore[attr-defined]
        self.fields["proposer_organisation"].choices = [NONE] + [  # type: ignore[attr-defined]
            (o.pk, o.name) for o in organisations]

    REFERENCES = ("field_of_action", "meeting", "session", "proposer_body", "proposer_organisation")

    def reference_ids(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in self.REFERENCES}

    def plain_values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ("title", "text", "proposer_kind", "proposer_name")}


def proposal_initial(proposal: Proposal) -> dict[str, Any]:
    return {
        "title": proposal.title, "text": proposal.text, "field_of_action": proposal.field_of_action_id,
        "meeting": proposal.meeting_id, "session": proposal.session_id, "proposer_kind": proposal.proposer_kind,
        "proposer_body": proposal.proposer_body_id, "proposer_organisation": proposal.proposer_organisation_id,
        "proposer_name": proposal.proposer_name, "version": proposal.version,
    }


class ModerateForm(VersionedForm):
    prefix = "freigabe"
    decision = forms.ChoiceField(label=_("Entscheidung"), choices=[
        ("publish", _("veröffentlichen")), ("reject", _("nicht veröffentlichen"))])
    comment = forms.CharField(label=_("Kommentar"), required=False, max_length=ANSWER_MAX,
                              widget=forms.Textarea(attrs={"rows": 3}), validators=[validate_no_markup],
                              help_text=_("Pflicht, wenn der Vorschlag nicht veröffentlicht wird (nur intern)."))


class AnswerForm(VersionedForm):
    prefix = "antwort"
    status = forms.ChoiceField(label=_("Stand"), choices=[
        c for c in Proposal.Status.choices if c[0] != Proposal.Status.MERGED])
    answer = forms.CharField(label=_("Öffentliche Antwort / Begründung"), required=False, max_length=ANSWER_MAX,
                             widget=forms.Textarea(attrs={"rows": 4}), validators=[validate_no_markup],
                             help_text=_("Bei „nicht weiterverfolgt“ bitte begründen."))


class MergeForm(VersionedForm):
    prefix = "zusammen"
    into = _id_field(_("Zusammenführen in"), required=True)
    answer = forms.CharField(label=_("Öffentliche Antwort"), required=False, max_length=ANSWER_MAX,
                             widget=forms.Textarea(attrs={"rows": 2}), validators=[validate_no_markup])

    def __init__(self, *args: Any, proposals: list[Proposal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["into"].choices = [NONE] + [(p.pk, f"{p.title} (#{p.pk})") for p in proposals]  # type: ignore[attr-defined]


def _measure_label(measure: Measure) -> str:
    reference = f"{measure.reference} " if measure.reference else ""
    return f"{reference}{measure.title} ({measure.edition.plan.title}, {measure.edition.name})"


class LinkForm(KernForm):
    prefix = "verknuepfen"
    measure = _id_field(_("Maßnahme"), required=True)

    def __init__(self, *args: Any, measures: list[Measure], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["measure"].choices = [NONE] + [(m.pk, _measure_label(m)) for m in measures]  # type: ignore[attr-defined]


class UnlinkForm(KernForm):
    prefix = "loesen"
    measure = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class AdoptForm(VersionedForm):
    prefix = "uebernahme"
    field_of_action = _id_field(_("Handlungsfeld der Ausgabe"), required=True,
                                help_text=_("Die neue Maßnahme kommt in dieses Handlungsfeld des Plans."))
    goal = _id_field(_("Ziel"))
    title = forms.CharField(label=_("Titel der Maßnahme"), max_length=300, required=False,
                            validators=[validate_no_markup], help_text=_("Leer: der Titel des Vorschlags."))
    is_key_project = forms.BooleanField(label=_("als Schlüsselprojekt"), required=False)
    answer = forms.CharField(label=_("Öffentliche Antwort"), required=False, max_length=ANSWER_MAX,
                             widget=forms.Textarea(attrs={"rows": 2}), validators=[validate_no_markup],
                             help_text=_("Leer: „Als Maßnahme … übernommen.“"))

    def __init__(self, *args: Any, fields: list[FieldOfAction], goals: list[Goal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["field_of_action"].choices = [NONE] + [(f.pk, _field_label(f)) for f in fields]  # type: ignore[attr-defined]
        self.fields["goal"].choices = [NONE] + [(g.pk, f"{g.field.title}: {g.title}") for g in goals]  # type: ignore[attr-defined]
