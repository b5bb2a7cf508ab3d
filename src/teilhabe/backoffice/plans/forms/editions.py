"""Forms for editions (Fortschreibung, adoption, comparison) and the plan's settings
(goal level names, status scheme, target groups)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from teilhabe.backoffice.flow import VersionedForm
from teilhabe.core.forms import KernForm
from teilhabe.core.validators import validate_no_markup
from teilhabe.plans.models import Edition, NormalisedStatus

PLAIN = [validate_no_markup]
COLOUR = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Bitte eine Farbe im Format #RRGGBB angeben, z. B. #1d4ed8."))
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]


class NewEditionForm(KernForm):
    name = forms.CharField(label=_("Bezeichnung der neuen Ausgabe"), max_length=200, validators=PLAIN,
                           help_text=_("z. B. Fortschreibung %(year)s") % {"year": dt.date.today().year + 1})


class EditionForm(VersionedForm):
    name = forms.CharField(label=_("Bezeichnung"), max_length=200, validators=PLAIN)
    status = forms.ChoiceField(label=_("Status"), choices=Edition.Status.choices, help_text=_(
        "Wird eine Ausgabe beschlossen, wird die bisher beschlossene Ausgabe des Plans archiviert."))
    adopted_on = forms.DateField(label=_("Beschlossen am"), required=False, widget=DATE_INPUT,
                                 input_formats=DATE_FORMATS)
    council_reference = forms.CharField(label=_("Beschluss (Drucksache)"), max_length=120, required=False,
                                        validators=PLAIN, help_text=_("z. B. Drucksache 0123/2025"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("status") == Edition.Status.ADOPTED and not cleaned.get("adopted_on"):
            self.add_error("adopted_on", _("Für einen Beschluss ist das Datum des Beschlusses anzugeben."))
        adopted_on = cleaned.get("adopted_on")
        if adopted_on and not dt.date(1950, 1, 1) <= adopted_on <= dt.date.today() + dt.timedelta(days=366):
            self.add_error("adopted_on", _("Bitte prüfen Sie das Datum des Beschlusses."))
        return cleaned


class CompareForm(KernForm):
    old = forms.TypedChoiceField(label=_("Ältere Ausgabe"), coerce=int)
    new = forms.TypedChoiceField(label=_("Neuere Ausgabe"), coerce=int)

    def __init__(self, *args: Any, editions: Iterable[Edition], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(e.pk, f"{e.plan.title}: {e.name} ({e.get_status_display()})") for e in editions]
        cast(forms.ChoiceField, self.fields["old"]).choices = choices
        cast(forms.ChoiceField, self.fields["new"]).choices = choices

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("old") is not None and cleaned.get("old") == cleaned.get("new"):
            raise ValidationError(_("Bitte wählen Sie zwei verschiedene Ausgaben."))
        return cleaned


class PlanSettingsForm(VersionedForm):
    title = forms.CharField(label=_("Titel"), max_length=200, validators=PLAIN,
                            help_text=_("z. B. Kommunaler Integrationsplan"))
    description = forms.CharField(label=_("Beschreibung"), required=False, validators=PLAIN,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    goal_level_names = forms.CharField(
        label=_("Namen der Zielebenen"), max_length=500, validators=PLAIN,
        help_text=_("Von oben nach unten, durch Kommas getrennt, z. B. Leitziel, Teilziel, Handlungsziel."),
    )

    def clean_goal_level_names(self) -> list[str]:
        names = [n.strip() for n in self.cleaned_data["goal_level_names"].split(",") if n.strip()]
        if not names:
            raise ValidationError(_("Bitte nennen Sie mindestens eine Zielebene."))
        if len(names) > 10 or any(len(n) > 60 for n in names):
            raise ValidationError(_("Höchstens 10 Ebenen mit je höchstens 60 Zeichen."))
        if len({n.casefold() for n in names}) != len(names):
            raise ValidationError(_("Jede Ebene braucht einen eigenen Namen."))
        return names


class _UniqueName(KernForm):
    """Refuses a name (case-insensitive) that another entry of the list already has."""

    unique_field = "name"
    duplicate_message = _("„%(name)s“ gibt es bereits.")

    def __init__(self, *args: Any, taken: Iterable[str] = (), **kwargs: Any) -> None:
        self.taken = {t.casefold() for t in taken}
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        value = (cleaned.get(self.unique_field) or "").strip()
        if value and value.casefold() in self.taken:
            self.add_error(self.unique_field, self.duplicate_message % {"name": value})
        return cleaned


class StatusOptionForm(VersionedForm, _UniqueName):
    unique_field = "label"
    label = forms.CharField(label=_("Bezeichnung"), max_length=80, validators=PLAIN,
                            help_text=_("Das Wort, das Ihre Kommune verwendet, z. B. „erfüllt“ oder „grün“."))
    normalised = forms.ChoiceField(
        label=_("Entspricht (für Berichte und Vergleiche)"), choices=NormalisedStatus.choices,
        help_text=_("Berichte, Übersichten und Vergleiche zwischen Kommunen verwenden diese einheitliche Stufe."),
    )
    colour = forms.CharField(label=_("Farbe"), max_length=7, initial="#6b7280", validators=[COLOUR],
                             widget=forms.TextInput(attrs={"type": "color"}))


class TargetGroupForm(VersionedForm, _UniqueName):
    name = forms.CharField(label=_("Name der Zielgruppe"), max_length=120, validators=PLAIN,
                           help_text=_("z. B. Neuzugewanderte, Eltern, Seniorinnen und Senioren"))
