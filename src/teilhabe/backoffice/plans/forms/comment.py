"""Opening a draft for comment („zur Beratung freigeben“) on the edition page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.backoffice.widgets import ChoiceList
from teilhabe.core.forms import KernForm
from teilhabe.plans.models import Edition
from teilhabe.plans.rules import COMMENT_ROLES


class CommentForm(KernForm):
    roles = forms.MultipleChoiceField(
        label=_("Zur Beratung freigeben für"), required=False,
        choices=[(role.value, role.label) for role in COMMENT_ROLES],
        widget=ChoiceList,
        help_text=_("Die gewählten Rollen sehen den Entwurf und können ihn lesen. Bearbeiten kann ihn nur die "
                    "Koordinierungsstelle. Ohne Auswahl sieht ihn nur die Koordinierungsstelle."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    @classmethod
    def for_edition(cls, edition: Edition, *args: Any, **kwargs: Any) -> CommentForm:
        initial = {"roles": list(edition.open_for_comment_roles or []), "version": edition.version}
        return cls(*args, initial=initial, **kwargs)
