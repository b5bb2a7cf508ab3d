"""The fields of a report's answer, shared by the back office's and the portal's answer forms (interface apps
do not import each other): what is asked, in which words, and how the cleaned input becomes the values
`services.save_draft` / `services.submit` take. A draft may be incomplete, so no field is required here; the
service says what a submission lacks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernFormMixin, add_kern_classes
from teilhabe.plans.models import StatusOption
from teilhabe.reporting.attachments import MAX_ATTACHMENTS
from teilhabe.reporting.models import MeasureReport, Success
from teilhabe.reporting.services import ANSWER_FIELDS, MAX_INDICATOR_VALUE

INDICATOR_PREFIX = "indicator_"
TEXT_MAX = 20_000
REACHED = ["reached_total", "reached_women", "reached_men", "reached_diverse"]
ACCEPT = ".pdf,.png,.jpg,.jpeg,.webp,application/pdf,image/png,image/jpeg,image/webp"
SAVE, SUBMIT = "speichern", "einreichen"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by teilhabe.reporting.attachments when it is added."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        files = [f for f in files if f]
        if len(files) > MAX_ATTACHMENTS:
            raise ValidationError(_("Bitte wählen Sie höchstens %(n)d Dateien auf einmal.") % {"n": MAX_ATTACHMENTS})
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


def _text(label: Any, help_text: Any = "", rows: int = 4) -> forms.CharField:
    return forms.CharField(label=label, help_text=help_text, required=False, max_length=TEXT_MAX,
                           widget=forms.Textarea(attrs={"rows": rows, "dir": "auto"}))


def _count(label: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, min_value=0, max_value=10_000_000,
                              widget=forms.NumberInput(attrs={"inputmode": "numeric"}))


def indicator_field_name(index: int) -> str:
    return f"{INDICATOR_PREFIX}{index}"


def answer_fields(report: MeasureReport, statuses: Sequence[StatusOption]) -> dict[str, forms.Field]:
    """The answer's fields, in the order they are shown; one input per indicator of the report."""
    fields: dict[str, forms.Field] = {
        "status": forms.TypedChoiceField(
            label=_("Status"), required=False, coerce=int, empty_value=None,
            choices=[("", _("– bitte wählen –")), *[(s.pk, s.label) for s in statuses]],
            help_text=_("Der Stand der Maßnahme am Ende des Berichtszeitraums, im Statusschema der Kommune.")),
        "progress": _text(_("Sachstand"), _("Was wurde im Berichtszeitraum getan?"), rows=6),
        "success": forms.ChoiceField(label=_("Erfolg"), required=False, choices=Success.choices,
                                     widget=forms.RadioSelect(attrs={"class": "kern-form-check__radio"})),
        "success_reason": _text(_("Begründung der Erfolgsbewertung"),
                                _("Nötig bei „teilweise erfolgreich“ und „nicht erfolgreich“.")),
    }
    for index, indicator in enumerate(report.indicators or []):
        fields[indicator_field_name(index)] = forms.CharField(
            label=indicator, required=False, max_length=MAX_INDICATOR_VALUE,
            help_text=_("Erreichter Wert im Berichtszeitraum"))
    fields.update({
        "obstacles": _text(_("Hindernisse")),
        "next_steps": _text(_("Nächste Schritte")),
        "reached_total": _count(_("Erreichte Personen insgesamt")),
        "reached_women": _count(_("davon Frauen")),
        "reached_men": _count(_("davon Männer")),
        "reached_diverse": _count(_("davon divers")),
        "attachments": MultipleFileField(
            label=_("Anhänge hinzufügen"),
            help_text=_("PDF-Dateien oder Bilder (PNG, JPEG, WebP); höchstens %(n)d Anhänge je Bericht.")
            % {"n": MAX_ATTACHMENTS}),
    })
    return fields


def indicator_field_names(report: MeasureReport) -> list[str]:
    return [indicator_field_name(i) for i in range(len(report.indicators or []))]


def initial_answer(report: MeasureReport) -> dict[str, Any]:
    """The form's initial values: the report's answer as saved."""
    values: dict[str, Any] = {name: getattr(report, name) for name in ANSWER_FIELDS
                              if name not in ("status", "indicator_values")}
    values["status"] = report.status_id
    achieved = {item.get("indicator"): item.get("value", "") for item in report.indicator_values or []}
    for index, indicator in enumerate(report.indicators or []):
        values[indicator_field_name(index)] = achieved.get(indicator, "")
    values["version"] = report.version
    return values


def answer_values(report: MeasureReport, cleaned: Mapping[str, Any],
                  statuses: Sequence[StatusOption]) -> dict[str, Any]:
    """The cleaned input as the services' `values`."""
    by_pk = {s.pk: s for s in statuses}
    values: dict[str, Any] = {name: cleaned.get(name) for name in ANSWER_FIELDS
                              if name not in ("status", "indicator_values")}
    for name in ("progress", "success_reason", "obstacles", "next_steps", "success"):
        values[name] = values[name] or ""
    status = cleaned.get("status")
    values["status"] = by_pk.get(int(status)) if status is not None else None
    values["indicator_values"] = [
        {"indicator": indicator, "value": cleaned.get(indicator_field_name(index)) or ""}
        for index, indicator in enumerate(report.indicators or [])
    ]
    return values



class AnswerFormMixin(KernFormMixin, forms.BaseForm):
    """What the back office's and the portal's answer forms share: the answer's fields (after the form's own,
    with the version kept last), the cleaned input as the services' values, and the indicator inputs. Put it
    before the form base class; the form is built with `report=` and `statuses=`."""

    def __init__(self, *args: Any, report: MeasureReport, statuses: Sequence[StatusOption], **kwargs: Any) -> None:
        self.report = report
        self.statuses = list(statuses)
        super().__init__(*args, **kwargs)
        version = self.fields.pop("version")
        self.fields.update(answer_fields(report, self.statuses))
        add_kern_classes(self)  # the answer's fields; the version has its class already
        self.fields["version"] = version

    def service_values(self) -> dict[str, Any]:
        return answer_values(self.report, self.cleaned_data, self.statuses)

    @property
    def indicator_fields(self) -> list[Any]:
        return [self[name] for name in indicator_field_names(self.report)]

# Where a service's error about a model field is shown on the form.
ERROR_FIELDS = {"indicator_values": "indicator_0"}
