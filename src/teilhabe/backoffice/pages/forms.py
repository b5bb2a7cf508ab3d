"""The back-office form that edits a legal page of the portal."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.backoffice.flow import VersionedForm
from teilhabe.backoffice.translations.forms import MinorEditMixin
from teilhabe.core.forms import KernForm
from teilhabe.core.i18n import direction
from teilhabe.core.validators import validate_no_markup
from teilhabe.pages.models import BarrierReport, LegalPage


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
        help_text=_("Reiner Text ohne HTML. Absätze durch Leerzeilen trennen. Eine Zeile, die mit „## “ "
                    "beginnt, wird zur Überschrift (gut für Leichte Sprache: kurze Absätze mit Überschriften)."),
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


class PageVideoForm(KernForm):
    """A new video of a legal page: the files are checked by their content in the service (pages/media.py)."""

    kind = forms.ChoiceField(label=_("Seite"), choices=LegalPage.Kind.choices, initial=LegalPage.Kind.SIGN_LANGUAGE)
    title = forms.CharField(label=_("Titel"), max_length=200, validators=[validate_no_markup])
    video = forms.FileField(
        label=_("Videodatei (MP4 oder WebM)"),
        help_text=_("Das Video wird vom Portal selbst ausgeliefert, nicht von einer fremden Plattform."),
        widget=forms.ClearableFileInput(attrs={"accept": "video/mp4,video/webm"}),
        error_messages={"required": _("Bitte wählen Sie eine Videodatei.")},
    )
    captions = forms.FileField(
        label=_("Untertitel (WebVTT-Datei, .vtt)"),
        help_text=_("Pflicht: Untertitel auf Deutsch im Format WebVTT. Die Datei beginnt mit „WEBVTT“."),
        widget=forms.ClearableFileInput(attrs={"accept": ".vtt,text/vtt"}),
        error_messages={"required": _("Bitte wählen Sie eine Untertiteldatei.")},
    )
    transcript = forms.CharField(
        label=_("Text zum Video"), required=False, max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 8}), validators=[validate_no_markup],
        help_text=_("Was im Video gesagt und gezeigt wird. Leer: Das Portal zeigt den Text der Untertitel."),
    )
    poster = forms.FileField(
        label=_("Vorschaubild (PNG, JPEG oder WebP)"), required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )


class PageVideoDeleteForm(VersionedForm):
    """One row of the video list: which video, the version the list showed."""

    video = forms.IntegerField(widget=forms.HiddenInput)


class PageVideoEditForm(VersionedForm):
    """A video's title and text alternative (its files stay; another file is another video)."""

    title = forms.CharField(label=_("Titel"), max_length=200, validators=[validate_no_markup])
    transcript = forms.CharField(
        label=_("Text zum Video"), required=False, max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 10}), validators=[validate_no_markup],
        help_text=_("Was im Video gesagt und gezeigt wird. Leer: Das Portal zeigt den Text der Untertitel."),
    )
