"""The public legal pages a German municipal site must have (imprint, privacy, accessibility statement, easy
and sign language) and the barrier reports sent through the portal.

Both models lived in `core` until the pages app existed; they kept their tables (core_legalpage,
core_barrierreport), see migrations/0001_initial.py."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import PLAIN_TEXT, TenantModel, Versioned


class LegalPage(TenantModel, Versioned):
    """The pages a German municipal site must have, editable by Koordination."""

    class Kind(models.TextChoices):
        IMPRINT = "impressum", _("Impressum")
        PRIVACY = "datenschutz", _("Datenschutz")
        ACCESSIBILITY = "barrierefreiheit", _("Erklärung zur Barrierefreiheit")
        EASY_LANGUAGE = "leichte-sprache", _("Leichte Sprache")
        SIGN_LANGUAGE = "gebaerdensprache", _("Gebärdensprache")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    language = models.CharField(max_length=10, default="de")
    title = models.CharField(_("Titel"), max_length=200, validators=PLAIN_TEXT)
    body = models.TextField(_("Text"), validators=PLAIN_TEXT, help_text=_("Absätze durch Leerzeilen trennen."))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Pflichtseite")
        verbose_name_plural = _("Pflichtseiten")
        db_table = "core_legalpage"  # the model came from core; its table kept its name
        constraints = [
            models.UniqueConstraint(fields=["municipality", "kind", "language"], name="legalpage_unique"),
        ]

    def __str__(self) -> str:
        return self.title


class BarrierReport(TenantModel, Versioned):
    """A reported accessibility barrier (BITV 2.0 feedback mechanism). Contact data is optional; Koordination
    moves the status on as it works on the report."""

    class Status(models.TextChoices):
        NEW = "neu", _("neu")
        IN_PROGRESS = "in_bearbeitung", _("in Bearbeitung")
        DONE = "erledigt", _("erledigt")

    page_url = models.CharField(_("Seite"), max_length=500, blank=True, validators=PLAIN_TEXT)
    description = models.TextField(_("Beschreibung der Barriere"), max_length=5000, validators=PLAIN_TEXT)
    contact = models.CharField(_("Kontakt (freiwillig)"), max_length=200, blank=True, validators=PLAIN_TEXT)
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.NEW)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Barrieremeldung")
        verbose_name_plural = _("Barrieremeldungen")
        db_table = "core_barrierreport"  # the model came from core; its table kept its name
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.description[:60]


class PortalSettings(TenantModel, Versioned):
    """Settings of a municipality's portal, one row per municipality (none yet: the defaults)."""

    accessibility_email = models.EmailField(
        _("E-Mail-Adresse für Barrieremeldungen"), blank=True,
        help_text=_("Jede neue Barrieremeldung aus dem Portal wird an diese Adresse geschickt. Leer: keine E-Mail."),
    )

    class Meta:
        verbose_name = _("Portal-Einstellungen")
        verbose_name_plural = _("Portal-Einstellungen")
        constraints = [models.UniqueConstraint(fields=["municipality"], name="portalsettings_unique")]

    def __str__(self) -> str:
        return str(_("Portal-Einstellungen"))




def video_path(instance: PageVideo, filename: str) -> str:
    import uuid  # (imported here: this model's edit of the file stays at its end)

    # The stored name is not the uploaded one: an upload cannot choose where it lands.
    return f"pages/{instance.municipality_id}/videos/{uuid.uuid4().hex}"


class PageVideo(TenantModel, Versioned):
    """A self-hosted video shown on a legal page (above all the Gebärdensprache page), with WebVTT captions
    and a text alternative. The files are checked by their content (pages/media.py) and served by the app
    itself, with range requests (portal/pages/media.py). The captions are kept as cleaned WebVTT text."""

    kind = models.CharField(_("Seite"), max_length=20, choices=LegalPage.Kind.choices)
    title = models.CharField(_("Titel"), max_length=200, validators=PLAIN_TEXT)
    video = models.FileField(upload_to=video_path, max_length=300)
    video_type = models.CharField(max_length=20)  # video/mp4 or video/webm, from the content
    video_size = models.PositiveBigIntegerField(default=0)
    captions = models.TextField(_("Untertitel (WebVTT)"))
    transcript = models.TextField(_("Text zum Video"), blank=True, validators=PLAIN_TEXT)
    poster = models.FileField(upload_to=video_path, max_length=300, blank=True)
    poster_type = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Video einer Pflichtseite")
        verbose_name_plural = _("Videos der Pflichtseiten")
        ordering = ["kind", "created_at", "pk"]

    def __str__(self) -> str:
        return self.title


__all__ = ["BarrierReport", "LegalPage", "PageVideo", "PortalSettings"]
