"""The public registration form for a meeting."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernForm
from teilhabe.core.validators import validate_no_markup


class RegistrationForm(KernForm):
    name = forms.CharField(label=_("Ihr Name"), max_length=200, validators=[validate_no_markup],
                           error_messages={"required": _("Bitte geben Sie Ihren Namen an.")})
    email = forms.EmailField(label=_("Ihre E-Mail-Adresse"), max_length=254,
                             help_text=_("Dorthin schicken wir die Bestätigung mit einem Link zum Abmelden."),
                             error_messages={"required": _("Bitte geben Sie Ihre E-Mail-Adresse an."),
                                             "invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse an.")})
    organisation_name = forms.CharField(label=_("Organisation oder Verein (freiwillig)"), max_length=200,
                                        required=False, validators=[validate_no_markup])
    needs = forms.CharField(
        label=_("Unterstützungsbedarf (freiwillig)"), max_length=500, required=False,
        validators=[validate_no_markup], widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("z. B. Gebärdensprache, Übersetzung, Kinderbetreuung, stufenloser Zugang"))
    consent = forms.BooleanField(label=_("Ich willige ein."), required=True,
                                 error_messages={"required": _("Ohne Ihre Einwilligung können wir die Anmeldung "
                                                               "nicht speichern.")})
    keep_informed = forms.BooleanField(
        label=_("Halten Sie mich über diese Beteiligung auf dem Laufenden (neue Termine, Protokolle, Beschlüsse)"),
        required=False,
        help_text=_("Freiwillig. Sie bekommen eine E-Mail mit einem Link, mit dem Sie das Abonnement bestätigen; "
                    "abbestellen können Sie es mit einem Klick in jeder Nachricht."))
    # Honeypot: hidden from people by CSS (display: none, so also from screen readers); naive bots fill it.
    website = forms.CharField(label=_("Bitte dieses Feld leer lassen"), required=False)

    def __init__(self, *args: Any, consent_text: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        self.fields["name"].widget.attrs.update({"autocomplete": "name"})
        self.fields["email"].widget.attrs.update({"autocomplete": "email"})
        self.fields["organisation_name"].widget.attrs.update({"autocomplete": "organization"})
        # The consent text stands above the checkbox (the template), which it describes.
        self.consent_text = consent_text
        self.fields["consent"].widget.attrs.update({"aria-describedby": "consent-text"})

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website", "").strip())

    def visible_fields(self) -> list[Any]:
        return [f for f in super().visible_fields() if f.name not in {"website", "consent"}]
