"""The milestone form. The links (edition, meeting, reporting round) are choices of this municipality only, so a
forged id of another municipality is a form error, never a write."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.backoffice.flow import VersionedForm
from teilhabe.core.richtext import to_plain
from teilhabe.core.validators import validate_no_markup, validate_web_address
from teilhabe.participation.models import Meeting, Milestone
from teilhabe.plans.models import Edition
from teilhabe.reporting.models import ReportingRound

PLAIN = [validate_no_markup]
LINKS = ("edition", "meeting", "reporting_round")


class MilestoneForm(VersionedForm):
    date = forms.DateField(label=_("Datum / Beginn"), widget=forms.DateInput(attrs={"type": "date"}),
                           help_text=_("Bei Monat oder Jahr als Genauigkeit zählt nur Monat bzw. Jahr."))
    end_date = forms.DateField(label=_("Ende (bei Zeiträumen)"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}),
                               help_text=_("z. B. „24. bis 29. September 2014“ oder „2008 bis 2009“"))
    precision = forms.ChoiceField(label=_("Genauigkeit"), choices=Milestone.Precision.choices,
                                  initial=Milestone.Precision.DAY)
    kind = forms.ChoiceField(label=_("Art"), choices=Milestone.Kind.choices, initial=Milestone.Kind.OTHER)
    title = forms.CharField(label=_("Titel"), max_length=300, validators=PLAIN,
                            help_text=_("z. B. „Integrationsplan einstimmig verabschiedet“"))
    text = forms.CharField(
        label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Was geschah, wer war beteiligt? Absätze durch Leerzeilen. Erlaubt sind Listen und Links mit "
                    "aussagekräftigem Text; alles andere wird entfernt."))
    edition = forms.TypedChoiceField(label=_("Ausgabe des Plans"), coerce=int, required=False, empty_value=None)
    meeting = forms.TypedChoiceField(label=_("Sitzung / Veranstaltung"), coerce=int, required=False,
                                     empty_value=None)
    reporting_round = forms.TypedChoiceField(label=_("Berichtsrunde"), coerce=int, required=False,
                                             empty_value=None)
    document_url = forms.URLField(label=_("Dokument (Adresse)"), required=False, assume_scheme="https",
                                  validators=[validate_web_address])
    document_label = forms.CharField(label=_("Dokument (Bezeichnung)"), max_length=200, required=False,
                                     validators=PLAIN, help_text=_("z. B. „Beschlussvorlage (PDF)“"))

    GROUPS = (
        (_("Wann"), ("date", "end_date", "precision")),
        (_("Was"), ("kind", "title", "text")),
        (_("Verknüpfungen"), ("edition", "meeting", "reporting_round", "document_url", "document_label")),
    )

    def __init__(self, *args: Any, editions: Sequence[Edition], meetings: Sequence[Meeting],
                 rounds: Sequence[ReportingRound], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._objects: dict[str, dict[int, Any]] = {
            "edition": {e.pk: e for e in editions}, "meeting": {m.pk: m for m in meetings},
            "reporting_round": {r.pk: r for r in rounds}}
        none = ("", _("– keine –"))
        self.fields["edition"].choices = [  # type: ignore[attr-defined]
            none, *[(e.pk, f"{e.plan.title}: {e.name}") for e in editions]]
        self.fields["meeting"].choices = [  # type: ignore[attr-defined]
            none, *[(m.pk, f"{m.starts_at:%d.%m.%Y} {m.title}") for m in meetings]]
        self.fields["reporting_round"].choices = [  # type: ignore[attr-defined]
            none, *[(r.pk, r.title) for r in rounds]]

    def field_groups(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [(title, [self[name] for name in names]) for title, names in self.GROUPS]

    def values(self) -> dict[str, Any]:
        d = self.cleaned_data
        values = {name: d[name] for name in ("date", "end_date", "precision", "kind", "title", "text",
                                             "document_url", "document_label")}
        for name in LINKS:
            values[name] = self._objects[name].get(d[name]) if d[name] is not None else None
        return values


def milestone_initial(milestone: Milestone) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(milestone, name) for name in (
        "date", "end_date", "precision", "kind", "title", "text", "document_url", "document_label", "version")}
    values.update({"edition": milestone.edition_id, "meeting": milestone.meeting_id,
                   "reporting_round": milestone.reporting_round_id})
    if not re.search(r"<(?!/?(p|br)\b)", milestone.text or ""):
        values["text"] = to_plain(milestone.text)  # simple paragraphs are edited as plain text
    return values


class MilestoneStateForm(VersionedForm):
    """Confirming or dismissing a proposal: only the version the list showed."""
