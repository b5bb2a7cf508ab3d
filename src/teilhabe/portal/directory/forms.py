"""The portal's forms of the directory: its filters and the registration of an organisation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernForm
from teilhabe.core.i18n import language_name
from teilhabe.core.models import Organisation
from teilhabe.core.validators import validate_no_markup
from teilhabe.directory.models import FieldOfActivity


class DirectoryFilterForm(KernForm):
    """GET filters; an unknown value is ignored (shown as an error at its field), never an error page."""

    q = forms.CharField(label=_("Name oder Stichwort"), required=False, max_length=100)
    language = forms.ChoiceField(label=_("Sprache"), required=False)
    field = forms.ChoiceField(label=_("Arbeitsfeld"), required=False)
    district = forms.ChoiceField(label=_("Stadtteil"), required=False)
    kind = forms.ChoiceField(label=_("Art der Organisation"), required=False)

    def __init__(self, *args: Any, languages: list[str], districts: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        every = [("", _("alle"))]
        self.fields["language"].choices = every + [(c, language_name(c)) for c in languages]  # type: ignore[attr-defined]
        self.fields["field"].choices = every + list(FieldOfActivity.choices)  # type: ignore[attr-defined]
        self.fields["district"].choices = every + [(d, d) for d in districts]  # type: ignore[attr-defined]
        self.fields["kind"].choices = every + list(Organisation.Kind.choices)  # type: ignore[attr-defined]

    def valid_values(self) -> dict[str, str]:
        self.is_valid()
        return {name: self.cleaned_data.get(name) or "" for name in self.fields if name not in self.errors}


class RegistrationForm(KernForm):
    organisation_name = forms.CharField(label=_("Name der Organisation"), max_length=200,
                                        validators=[validate_no_markup])
    kind = forms.ChoiceField(label=_("Art der Organisation"), choices=[
        c for c in Organisation.Kind.choices if c[0] not in ("authority", "company")])
    organisation_website = forms.URLField(label=_("Website der Organisation"), required=False, assume_scheme="https")
    first_name = forms.CharField(label=_("Ihr Vorname"), max_length=150, validators=[validate_no_markup])
    last_name = forms.CharField(label=_("Ihr Nachname"), max_length=150, validators=[validate_no_markup])
    email = forms.EmailField(label=_("Ihre E-Mail-Adresse"),
                             help_text=_("An diese Adresse schicken wir nach der Prüfung Ihren Zugang."))
    message = forms.CharField(label=_("Nachricht an die Koordinierungsstelle"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 4}), validators=[validate_no_markup])
    consent = forms.BooleanField(label=_("Ich bin einverstanden, dass die Kommune meine Angaben speichert, um "
                                         "die Anfrage zu bearbeiten."))
    # Honeypot: hidden from people by CSS; naive bots fill it.
    website = forms.CharField(label=_("Bitte dieses Feld leer lassen"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website", "").strip())

    def visible_fields(self) -> list[Any]:
        return [f for f in super().visible_fields() if f.name != "website"]
