"""The back-office form that edits a legal page of the portal."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.backoffice.flow import VersionedForm
from teilhabe.backoffice.translations.forms import MinorEditMixin
from teilhabe.core.i18n import direction
from teilhabe.core.validators import validate_no_markup
from teilhabe.pages.models import BarrierReport


class LegalPageForm(MinorEditMixin, VersionedForm):
    """The German page. The version is the page's (0: not written yet, the form holds the default text). A minor
    edit keeps the translations up to date."""

    keyed = True
    title = forms.CharField(label=_("Titel"), max_length=200, validators=[validate_no_markup])
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 24}),
        max_length=50_000,
        validators=[validate_no_markup],
        help_text=_("Reiner Text ohne HTML. Absätze durch Leerzeilen trennen."),
    )

    def __init__(self, *args: Any, language: str = "de", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Text in Arabic or Farsi is typed right to left; the fields say so.
        for name in ("title", "body"):
            self.fields[name].widget.attrs.update({"lang": language, "dir": direction(language)})


class BarrierReportStatusForm(VersionedForm):
    """One row of the barrier report list: which report, the version the list showed, the new status."""

    report = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Status"), choices=BarrierReport.Status.choices)


class PortalSettingsForm(VersionedForm):
    """The version is the settings' (0: none saved yet)."""

    keyed = True
    accessibility_email = forms.EmailField(
        label=_("E-Mail-Adresse für Barrieremeldungen"), required=False, max_length=254,
        help_text=_("Jede neue Barrieremeldung aus dem Portal wird an diese Adresse geschickt. Leer: keine E-Mail."),
    )
