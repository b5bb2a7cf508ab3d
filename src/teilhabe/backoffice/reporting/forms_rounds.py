"""Forms of Koordination's pages for reporting rounds: open and edit a round, filter its reports, review a
report, send a partner link."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.backoffice.flow import VersionedForm
from teilhabe.backoffice.widgets import ChoiceList
from teilhabe.core.forms import KernForm
from teilhabe.core.validators import validate_no_markup
from teilhabe.plans.models import Edition, FieldOfAction
from teilhabe.reporting.models import MeasureReport, ReportingRound
from teilhabe.reporting.selectors import PartnerRow, ScopeCounts
from teilhabe.reporting.services import PARTNER_LINK_DAYS

PLAIN = [validate_no_markup]
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]
MAX_REMIND_DAYS = 60


def _date(label: Any, **kwargs: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=DATE_INPUT, input_formats=DATE_FORMATS, **kwargs)


class RoundValuesForm(KernForm):
    """What a round says about itself: title, reporting period, deadline, reminder."""

    title = forms.CharField(label=_("Titel"), max_length=200, validators=PLAIN,
                            help_text=_("z. B. Umsetzungsbericht %(year)s") % {"year": dt.date.today().year})
    period_start = _date(_("Berichtszeitraum von"))
    period_end = _date(_("Berichtszeitraum bis"))
    deadline = _date(_("Frist für die Antworten"),
                     help_text=_("Bis zu diesem Tag sollen die Stellen ihre Berichte einreichen."))
    remind_days_before = forms.IntegerField(
        label=_("Erinnerung vor der Frist (Tage)"), min_value=0, max_value=MAX_REMIND_DAYS, initial=7,
        help_text=_("So viele Tage vor der Frist werden alle Stellen mit offenen Berichten per E-Mail erinnert; "
                    "0: keine Erinnerung."))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data
        start, end, deadline = cleaned.get("period_start"), cleaned.get("period_end"), cleaned.get("deadline")
        if start and end and end < start:
            self.add_error("period_end", _("Das Ende des Berichtszeitraums liegt vor seinem Beginn."))
        if start and deadline and deadline < start:
            self.add_error("deadline", _("Die Frist liegt vor dem Beginn des Berichtszeitraums."))
        return cleaned


ERROR_FIELDS = {"fields": "selected_fields"}  # the service's names → the form's
ROUND_VALUES = ["title", "period_start", "period_end", "deadline", "remind_days_before"]


class RoundCreateForm(RoundValuesForm):
    """Open a round over an adopted edition: which measures it asks about (all, chosen fields, key projects).
    The labels say how many measures each choice asks about."""

    edition = forms.TypedChoiceField(label=_("Plan"), coerce=int,
                                     help_text=_("Berichtsrunden gibt es für den beschlossenen Plan (den Plan in "
                                                 "Kraft)."))
    scope = forms.ChoiceField(label=_("Welche Maßnahmen werden abgefragt?"), widget=forms.RadioSelect,
                              choices=ReportingRound.Scope.choices, initial=ReportingRound.Scope.ALL)
    # Not "fields": that is the form's own dictionary of fields.
    selected_fields = forms.TypedMultipleChoiceField(
        label=_("Handlungsfelder"), coerce=int, required=False,
        widget=ChoiceList(filter_label=_("Handlungsfelder filtern")),
        help_text=_("Nur bei „ausgewählte Handlungsfelder“."))

    field_order = ["edition", "title", "period_start", "period_end", "deadline", "scope", "selected_fields",
                   "remind_days_before"]

    def __init__(self, *args: Any, editions: Sequence[Edition], fields: Sequence[FieldOfAction],
                 counts: dict[int, ScopeCounts], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.editions = {e.pk: e for e in editions}
        self.field_objects = {f.pk: f for f in fields}
        cast(forms.ChoiceField, self.fields["edition"]).choices = [
            (e.pk, f"{e.plan.title}: {e.name}") for e in editions]
        several = len(editions) > 1

        def measures(n: int) -> str:
            return str(_("%(n)s Maßnahmen") % {"n": n}) if n != 1 else str(_("1 Maßnahme"))

        if len(editions) == 1:  # the counts of each choice; with several plans they depend on the plan
            c = counts.get(editions[0].pk, ScopeCounts())
            cast(forms.ChoiceField, self.fields["scope"]).choices = [
                (ReportingRound.Scope.ALL, f"{ReportingRound.Scope.ALL.label} ({measures(c.total)})"),
                (ReportingRound.Scope.FIELDS, f"{ReportingRound.Scope.FIELDS.label}"),
                (ReportingRound.Scope.KEY_PROJECTS,
                 f"{ReportingRound.Scope.KEY_PROJECTS.label} ({measures(c.key_projects)})"),
            ]
        choices: list[Any] = []
        for edition in editions:
            by_field = counts.get(edition.pk, ScopeCounts()).by_field
            options = [(f.pk, f"{f.title} ({measures(by_field.get(f.pk, 0))})") for f in fields
                       if f.edition_id == edition.pk]
            if several:
                choices.append((edition.plan.title, options))
            else:
                choices.extend(options)
        cast(forms.ChoiceField, self.fields["selected_fields"]).choices = choices

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        scope, chosen = cleaned.get("scope"), cleaned.get("selected_fields") or []
        edition = cleaned.get("edition")
        if scope == ReportingRound.Scope.FIELDS:
            if not chosen:
                self.add_error("selected_fields", _("Bitte wählen Sie mindestens ein Handlungsfeld."))
            elif edition is not None and any(self.field_objects[pk].edition_id != edition for pk in chosen):
                self.add_error("selected_fields", _("Ein Handlungsfeld gehört nicht zum gewählten Plan."))
        return cleaned

    def values(self) -> dict[str, Any]:
        """The keyword arguments of services.open_round."""
        data = self.cleaned_data
        scope = data["scope"]
        return {"edition": self.editions[data["edition"]], "scope": scope,
                "fields": [self.field_objects[pk] for pk in data.get("selected_fields") or []]
                if scope == ReportingRound.Scope.FIELDS else [],
                **{name: data[name] for name in ROUND_VALUES}}


class RoundEditForm(VersionedForm, RoundValuesForm):
    """Title, period, deadline and reminder of an open round (which measures it asks about stays)."""


class ConfirmForm(VersionedForm):
    """A confirmation (closing a round, accepting a report): only the version the page showed."""


class ReturnForm(VersionedForm):
    comment = forms.CharField(
        label=_("Was soll die Stelle ergänzen oder ändern?"), validators=PLAIN,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Die Stelle sieht diesen Kommentar bei ihrem Bericht und kann ihn erneut einreichen."))


STATE_FILTERS = [
    ("", _("alle")),
    ("missing", _("fehlend (noch nicht eingereicht)")),
    ("late", _("überfällig")),
    (MeasureReport.State.PENDING, _("offen")),
    (MeasureReport.State.DRAFT, _("in Bearbeitung")),
    (MeasureReport.State.SUBMITTED, _("eingereicht – zu prüfen")),
    (MeasureReport.State.RETURNED, _("zurückgegeben")),
    (MeasureReport.State.ACCEPTED, _("angenommen")),
]


class ReportFilterForm(KernForm):
    """The filters of a round's report list (GET). Unknown values are dropped, never an error page."""

    stand = forms.ChoiceField(label=_("Stand"), required=False, choices=STATE_FILTERS)
    feld = forms.ChoiceField(label=_("Handlungsfeld"), required=False)

    def __init__(self, *args: Any, field_titles: Sequence[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["feld"]).choices = [("", _("alle")), *((t, t) for t in field_titles)]

    def valid_values(self) -> dict[str, str]:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: "" if name in self.errors else (data.get(name) or "") for name in self.fields}


class PartnerLinkForm(KernForm):
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int)
    email = forms.EmailField(label=_("E-Mail-Adresse"), required=False, max_length=254,
                             help_text=_("An wen der Link geht (für Erinnerungen); kann leer bleiben."))
    valid_days = forms.IntegerField(label=_("Gültig für (Tage)"), min_value=1, max_value=365,
                                    initial=PARTNER_LINK_DAYS)
    send = forms.BooleanField(label=_("Link gleich per E-Mail an diese Adresse senden"), required=False)

    def __init__(self, *args: Any, partners: Sequence[PartnerRow], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.partners = {p.organisation_id: p for p in partners}
        cast(forms.ChoiceField, self.fields["organisation"]).choices = [(p.organisation_id, p.name)
                                                                        for p in partners]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data
        if cleaned.get("send") and not cleaned.get("email") and "email" not in self.errors:
            self.add_error("email", _("Zum Senden per E-Mail geben Sie bitte die Adresse an."))
        return cleaned
