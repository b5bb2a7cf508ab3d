"""The options of the monitoring report: all or only published indicators, all or one field of action."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernFormMixin
from teilhabe.plans.models import FieldOfAction

ALL = "alle"
PUBLISHED = "veroeffentlicht"


class ReportOptionsForm(KernFormMixin, forms.Form):
    umfang = forms.ChoiceField(
        label=_("Indikatoren"), choices=[(ALL, _("alle Indikatoren")),
                                         (PUBLISHED, _("nur veröffentlichte Indikatoren"))],
        initial=ALL, required=False, widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Wählen Sie „alle“ oder „nur veröffentlichte“ Indikatoren.")},
    )
    handlungsfeld = forms.TypedChoiceField(
        label=_("Handlungsfeld"), coerce=int, required=False, empty_value=None,
        error_messages={"invalid_choice": _("Dieses Handlungsfeld gibt es nicht (mehr); wählen Sie eines aus "
                                            "der Liste.")},
    )

    def __init__(self, *args: Any, fields_of_action: list[FieldOfAction], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        several_editions = len({f.edition_id for f in fields_of_action}) > 1
        field = self.fields["handlungsfeld"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", _("alle Handlungsfelder")), *(
            (f.pk, f"{f.title} ({f.edition.name})" if several_editions else f.title) for f in fields_of_action)]

    @property
    def published_only(self) -> bool:
        return self.cleaned_data.get("umfang") == PUBLISHED

    @property
    def field_id(self) -> int | None:
        value = self.cleaned_data.get("handlungsfeld")
        return value if isinstance(value, int) else None
