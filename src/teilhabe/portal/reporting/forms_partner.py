"""The answer form of an external partner (no account): the shared answer fields
(teilhabe.reporting.answer_fields) and the version the form showed, in a hidden field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernForm
from teilhabe.reporting.answer_fields import AnswerFormMixin

STALE_FORM = _("Das Formular ist veraltet oder beschädigt. Bitte laden Sie die Seite neu.")


class PartnerAnswerForm(AnswerFormMixin, KernForm):
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    conflict_message = ""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if "version" in self.errors:
            del self.errors["version"]
            self.add_error(None, STALE_FORM)
        return cleaned if cleaned is not None else self.cleaned_data

    def rebind(self, version: int, message: str) -> None:
        """After a concurrent change: the person's input stays, now against the current version."""
        data = QueryDict(mutable=True)
        data.update(self.data)  # type: ignore[arg-type]
        data[self.add_prefix("version")] = str(version)
        self.data = data
        self.conflict_message = message
