"""Forms of the portal and of the back-office pages that edit it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernForm
from teilhabe.core.i18n import direction
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


class LegalPageForm(KernForm):
    title = forms.CharField(label=_("Titel"), max_length=200, validators=[validate_no_markup])
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 24}),
        max_length=50_000,
        validators=[validate_no_markup],
        help_text=_("Reiner Text ohne HTML. Absätze durch Leerzeilen trennen."),
    )
    stamp = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, language: str = "de", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Text in Arabic or Farsi is typed right to left; the fields say so.
        for name in ("title", "body"):
            self.fields[name].widget.attrs.update({"lang": language, "dir": direction(language)})
