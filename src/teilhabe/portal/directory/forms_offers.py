"""The public offer directory's filter form (GET). An invalid value is ignored and shown at its field."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernForm


class OfferSearchForm(KernForm):
    q = forms.CharField(label=_("Suchbegriff"), required=False, max_length=200)
    kategorie = forms.TypedChoiceField(label=_("Kategorie"), coerce=int, required=False, empty_value=None)
    sprache = forms.ChoiceField(label=_("Sprache des Angebots"), required=False)
    stadtteil = forms.ChoiceField(label=_("Stadtteil"), required=False)
    zielgruppe = forms.TypedChoiceField(label=_("Zielgruppe"), coerce=int, required=False, empty_value=None)
    kostenlos = forms.BooleanField(label=_("nur kostenlose Angebote"), required=False)
    online = forms.BooleanField(label=_("nur Online-Angebote"), required=False)

    def __init__(self, *args: Any, categories: Sequence[tuple[int, str]], languages: Sequence[tuple[str, str]],
                 districts: Sequence[str], target_groups: Sequence[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        every = ("", _("alle"))
        self.fields["kategorie"].choices = [every, *categories]  # type: ignore[attr-defined]
        self.fields["sprache"].choices = [every, *languages]  # type: ignore[attr-defined]
        self.fields["stadtteil"].choices = [every, *[(d, d) for d in districts]]  # type: ignore[attr-defined]
        self.fields["zielgruppe"].choices = [every, *target_groups]  # type: ignore[attr-defined]

    def valid_values(self) -> dict[str, Any]:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data.get(name) for name in self.fields if name not in self.errors}
