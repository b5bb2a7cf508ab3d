"""Forms of prioritisation: the set-up form and the tally of a dot voting. Choices come from one municipality
(and, for a moderator, their bodies), so a foreign id is a form error, never a write."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.backoffice.flow import VersionedForm
from teilhabe.backoffice.widgets import ChoiceList
from teilhabe.core.forms import KernForm
from teilhabe.core.validators import validate_no_markup
from teilhabe.participation.models import Body, Meeting, Prioritisation, Proposal

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class PrioritisationForm(VersionedForm):
    title = forms.CharField(label=_("Titel"), max_length=200, validators=[validate_no_markup],
                            help_text=_("z. B. „Priorisierung der Schlüsselprojekte der AG Bildung“"))
    method = forms.ChoiceField(label=_("Verfahren"), choices=Prioritisation.Method.choices, widget=forms.RadioSelect)
    audience = forms.ChoiceField(label=_("Wer stimmt ab"), choices=Prioritisation.Audience.choices,
                                 widget=forms.RadioSelect)
    body = forms.TypedChoiceField(label=_("Gremium"), coerce=int, required=False, empty_value=None)
    meeting = forms.TypedChoiceField(label=_("Sitzung"), coerce=int, required=False, empty_value=None,
                                     help_text=_("Bei einer Punktabfrage: die Sitzung, in der sie stattfand."))
    proposals = forms.TypedMultipleChoiceField(label=_("Vorschläge"), coerce=int,
                                               widget=ChoiceList(filter_label=_("Vorschläge filtern")))
    points_per_person = forms.IntegerField(label=_("Punkte je Person"), min_value=1, max_value=100, initial=3)
    max_points_per_proposal = forms.IntegerField(label=_("höchstens Punkte je Vorschlag"), min_value=1,
                                                 max_value=100, required=False,
                                                 help_text=_("Leer lassen: keine Grenze je Vorschlag."))
    opens_at = forms.DateTimeField(label=_("offen ab"), required=False, widget=DATETIME_INPUT)
    closes_at = forms.DateTimeField(label=_("offen bis"), required=False, widget=DATETIME_INPUT)

    def __init__(self, *args: Any, bodies: Sequence[Body], meetings: Sequence[Meeting],
                 proposals: Sequence[Proposal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._bodies = {b.pk: b for b in bodies}
        self._meetings = {m.pk: m for m in meetings}
        fields: dict[str, Any] = self.fields
        fields["body"].choices = [("", _("– kein Gremium –")), *((b.pk, b.name) for b in bodies)]
        fields["meeting"].choices = [("", _("– keine Sitzung –")), *(
            (m.pk, f"{m.title} ({m.starts_at:%d.%m.%Y})") for m in meetings)]
        fields["proposals"].choices = [(p.pk, p.title) for p in proposals]

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"], "method": data["method"], "audience": data["audience"],
            "body": self._bodies.get(data["body"]) if data["body"] else None,
            "meeting": self._meetings.get(data["meeting"]) if data["meeting"] else None,
            "points_per_person": data["points_per_person"],
            "max_points_per_proposal": data["max_points_per_proposal"],
            "opens_at": data["opens_at"], "closes_at": data["closes_at"],
        }


def prioritisation_initial(prioritisation: Prioritisation) -> dict[str, Any]:
    return {
        "title": prioritisation.title, "method": prioritisation.method, "audience": prioritisation.audience,
        "body": prioritisation.body_id, "meeting": prioritisation.meeting_id,
        "proposals": [p.pk for p in prioritisation.proposals.all()],
        "points_per_person": prioritisation.points_per_person,
        "max_points_per_proposal": prioritisation.max_points_per_proposal,
        "opens_at": prioritisation.opens_at, "closes_at": prioritisation.closes_at,
        "version": prioritisation.version,
    }


class TallyForm(KernForm):
    """The dots each proposal got in the meeting: one number field per proposal, and the participants."""

    participants = forms.IntegerField(label=_("Teilnehmende, die Punkte vergeben haben"), min_value=1,
                                      max_value=100_000)

    def __init__(self, *args: Any, proposals: Sequence[Proposal], initial_dots: dict[int, int],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.proposal_fields = []
        for proposal in proposals:
            name = f"dots_{proposal.pk}"
            self.fields[name] = forms.IntegerField(label=proposal.title, min_value=0, max_value=1_000_000,
                                                   initial=initial_dots.get(proposal.pk, 0))
            self.proposal_fields.append(name)

    def dots(self) -> dict[int, int]:
        return {int(name.removeprefix("dots_")): self.cleaned_data[name] or 0 for name in self.proposal_fields}
