"""The portal's forms of proposals: the list's filters and the online submission (with its honeypot)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernForm
from teilhabe.core.validators import validate_no_markup
from teilhabe.participation.models import Body, Meeting, Proposal
from teilhabe.plans.models import FieldOfAction

TEXT_MAX = 5000


class ProposalFilterForm(KernForm):
    """GET filters; an unknown value is ignored (shown at its field), never an error page."""

    q = forms.CharField(label=_("Suche"), required=False, max_length=100)
    handlungsfeld = forms.TypedChoiceField(label=_("Handlungsfeld"), required=False, coerce=int, empty_value=None)
    stand = forms.ChoiceField(label=_("Stand"), required=False)
    gremium = forms.TypedChoiceField(label=_("Gremium"), required=False, coerce=int, empty_value=None)
    sitzung = forms.TypedChoiceField(label=_("Sitzung"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, fields: list[FieldOfAction], bodies: list[Body], meetings: list[Meeting],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        every = [("", _("alle"))]
        self.fields["handlungsfeld"].choices = every + [  # type: ignore[attr-defined]
            (f.pk, f"{f.title} ({f.edition.name})") for f in fields]
        self.fields["stand"].choices = every + list(Proposal.Status.choices)  # type: ignore[attr-defined]
        self.fields["gremium"].choices = every + [(b.pk, b.name) for b in bodies]  # type: ignore[attr-defined]
        self.fields["sitzung"].choices = every + [  # type: ignore[attr-defined]
            (m.pk, f"{m.title} ({m.starts_at:%d.%m.%Y})") for m in meetings]

    def valid_values(self) -> dict[str, Any]:
        self.is_valid()
        return {name: self.cleaned_data.get(name) or None for name in self.fields if name not in self.errors}


class ProposalSubmitForm(KernForm):
    title = forms.CharField(label=_("Ihr Vorschlag in einem Satz"), max_length=200, validators=[validate_no_markup],
                            error_messages={"required": _("Bitte geben Sie Ihrem Vorschlag einen Titel.")})
    text = forms.CharField(
        label=_("Beschreibung"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 8}),
        validators=[validate_no_markup],
        help_text=_("Was schlagen Sie vor, für wen, und was soll sich dadurch ändern?"),
        error_messages={"required": _("Bitte beschreiben Sie Ihren Vorschlag.")})
    field_of_action = forms.TypedChoiceField(label=_("Handlungsfeld"), required=False, coerce=int,
                                             empty_value=None)
    proposer_kind = forms.ChoiceField(
        label=_("Wer schlägt vor?"), initial=Proposal.ProposerKind.ANONYMOUS,
        choices=[(Proposal.ProposerKind.ANONYMOUS, _("anonym")),
                 (Proposal.ProposerKind.PERSON, _("ich, mit meinem Namen")),
                 (Proposal.ProposerKind.ORGANISATION, _("eine Organisation"))])
    proposer_name = forms.CharField(label=_("Name, der öffentlich erscheinen soll"), required=False, max_length=200,
                                    validators=[validate_no_markup])
    proposer_organisation = forms.TypedChoiceField(label=_("Organisation"), required=False, coerce=int,
                                                   empty_value=None)
    email = forms.EmailField(label=_("Ihre E-Mail-Adresse"), required=False,
                             help_text=_("Nur wenn Sie über die Antwort informiert werden möchten. Sie wird nicht "
                                         "veröffentlicht."))
    # Honeypot: hidden from people by CSS (display: none, so also from screen readers); naive bots fill it.
    website = forms.CharField(label=_("Bitte dieses Feld leer lassen"), required=False)

    def __init__(self, *args: Any, fields: list[FieldOfAction], organisations: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["field_of_action"].choices = [("", _("weiß ich nicht"))] + [  # type: ignore[attr-defined]
            (f.pk, f.title) for f in fields]
        self.fields["proposer_organisation"].choices = [("", "–")] + [  # type: ignore[attr-defined]
            (o.pk, o.name) for o in organisations]
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website", "").strip())

    def visible_fields(self) -> list[Any]:
        return [f for f in super().visible_fields() if f.name != "website"]
