"""The barrier report form of the portal."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernForm
from teilhabe.core.validators import validate_no_markup

DESCRIPTION_MAX = 5000
PAGE_URL_MAX = 500
CONTACT_MAX = 200


class BarrierReportForm(KernForm):
    description = forms.CharField(
        label=_("Beschreibung der Barriere"),
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        validators=[validate_no_markup],
        help_text=_("Was hat nicht funktioniert, und wobei? Zum Beispiel: „Das Formular lässt sich nicht mit "
                    "der Tastatur bedienen.“"),
        error_messages={"required": _("Bitte beschreiben Sie die Barriere.")},
    )
    page_url = forms.CharField(
        label=_("Betroffene Seite"),
        max_length=PAGE_URL_MAX,
        required=False,
        validators=[validate_no_markup],
        help_text=_("Adresse oder Name der Seite, auf der die Barriere auftritt."),
    )
    contact = forms.CharField(
        label=_("Ihre E-Mail-Adresse oder Telefonnummer"),
        max_length=CONTACT_MAX,
        required=False,
        validators=[validate_no_markup],
        help_text=_("Nur wenn Sie eine Antwort möchten."),
    )
    # Honeypot: hidden from people by CSS (display: none, so also from screen readers); naive bots fill it.
    website = forms.CharField(label=_("Bitte dieses Feld leer lassen"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website", "").strip())

    def visible_fields(self) -> list[Any]:
        return [f for f in super().visible_fields() if f.name != "website"]
