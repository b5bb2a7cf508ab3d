"""The answer form of an external partner (no account): the shared answer fields
(teilhabe.reporting.answer_fields) and the version the form showed, in a hidden field."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernForm, add_kern_classes
from teilhabe.plans.models import StatusOption
from teilhabe.reporting import answer_fields
from teilhabe.reporting.models import MeasureReport

STALE_FORM = _("Das Formular ist veraltet oder beschädigt. Bitte laden Sie die Seite neu.")


class PartnerAnswerForm(KernForm):
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    conflict_message = ""

    def __init__(self, *args: Any, report: MeasureReport, statuses: Sequence[StatusOption], **kwargs: Any) -> None:
        self.report = report
        self.statuses = list(statuses)
        super().__init__(*args, **kwargs)
        version = self.fields.pop("version")
        self.fields.update(answer_fields.answer_fields(report, self.statuses))
        add_kern_classes(self)  # the answer's fields; the version has its class already
        self.fields["version"] = version

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if "version" in self.errors:
            del self.errors["version"]
            self.add_error(None, STALE_FORM)
        return cleaned if cleaned is not None else self.cleaned_data

    def service_values(self) -> dict[str, Any]:
        return answer_fields.answer_values(self.report, self.cleaned_data, self.statuses)

    def rebind(self, version: int, message: str) -> None:
        """After a concurrent change: the person's input stays, now against the current version."""
        data = QueryDict(mutable=True)
        data.update(self.data)  # type: ignore[arg-type]
        data[self.add_prefix("version")] = str(version)
        self.data = data
        self.conflict_message = message

    @property
    def indicator_fields(self) -> list[Any]:
        return [self[name] for name in answer_fields.indicator_field_names(self.report)]
