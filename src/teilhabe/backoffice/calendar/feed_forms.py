"""Forms of the calendar import: subscribe to an address, upload a file, change a subscription."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.backoffice.flow import VersionedForm
from teilhabe.calendar.models import EventFeed
from teilhabe.core.forms import KernForm
from teilhabe.core.models import Municipality, Organisation

INTERVAL_CHOICES = [(str(hours), label) for hours, label in EventFeed.INTERVALS]


def _organisation_field() -> forms.ModelChoiceField:
    """Filled with the municipality's organisations in the form's __init__ (a forged id is not a choice)."""
    return forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("Organisation"),
                                  empty_label=_("– bitte wählen –"))


class SubscribeForm(KernForm):
    organisation = _organisation_field()
    url = forms.CharField(label=_("Adresse des Kalenders (iCal)"), max_length=500,
                          help_text=_("Die iCal-Adresse, z. B. aus Google Kalender („Öffentliche Adresse im "
                                      "iCal-Format“), Outlook („Kalender veröffentlichen“, ICS-Link) oder "
                                      "Nextcloud („Abonnement-Link“). Beginnt mit https://, http:// oder webcal://."),
                          widget=forms.URLInput(attrs={"inputmode": "url", "autocomplete": "url"}))
    interval_hours = forms.TypedChoiceField(label=_("Abrufen"), choices=INTERVAL_CHOICES, coerce=int, initial="24")

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.of(municipality).order_by("name")  # type: ignore[attr-defined]


class UploadForm(KernForm):
    organisation = _organisation_field()
    file = forms.FileField(label=_("iCalendar-Datei (.ics)"),
                           help_text=_("Ein erneutes Hochladen derselben Datei aktualisiert die Termine: geänderte "
                                       "werden übernommen, entfernte gelöscht."),
                           widget=forms.ClearableFileInput(attrs={"accept": ".ics,text/calendar"}))

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.of(municipality).order_by("name")  # type: ignore[attr-defined]


class FeedForm(VersionedForm):
    url = forms.CharField(label=_("Adresse des Kalenders (iCal)"), max_length=500,
                          widget=forms.URLInput(attrs={"inputmode": "url"}))
    interval_hours = forms.TypedChoiceField(label=_("Abrufen"), choices=INTERVAL_CHOICES, coerce=int)
    enabled = forms.BooleanField(label=_("regelmäßig abrufen"), required=False)
