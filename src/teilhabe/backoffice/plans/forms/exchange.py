"""Forms of the import/export page. Choices are always the request's municipality's own editions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernForm
from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor
from teilhabe.plans.exchange.selectors import importable_editions
from teilhabe.plans.models import Edition, Plan
from teilhabe.plans.selectors import edition_for, edition_shown, editions_for_choice

NEW_PLAN = "new"


def _edition_label(edition: Edition) -> str:
    return f"{edition.plan.title}: {edition.name} ({edition.get_status_display()})"


class ExportForm(KernForm):
    edition = forms.ModelChoiceField(queryset=Edition.objects.none(), label=_("Ausgabe"), empty_label=None)
    format = forms.ChoiceField(
        label=_("Format"), initial="xlsx",
        choices=[("xlsx", _("Excel-Arbeitsmappe (.xlsx)")), ("json", _("JSON – ganzer Plan für andere Kommunen"))],
    )

    def __init__(self, *args: Any, municipality: Municipality, actor: Actor | None = None, **kwargs: Any) -> None:
        """The editions `actor` may open; the one the rule opens for it (plans.selectors.edition_shown) first
        selected. Import and export are Koordination's: without an actor, its view."""
        super().__init__(*args, **kwargs)
        actor = actor or Actor.system(municipality.pk)
        field = self.fields["edition"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = editions_for_choice(municipality, actor)
        field.label_from_instance = _edition_label  # type: ignore[method-assign,assignment]
        shown = edition_shown(actor, municipality)
        field.initial = shown.pk if shown is not None else None


class ImportForm(KernForm):
    file = forms.FileField(
        label=_("Datei"),
        help_text=_("Excel-Arbeitsmappe (.xlsx) nach der Vorlage oder eine Teilhabe-JSON-Datei."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.json,application/json,"
                                               "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}),
    )
    target = forms.ChoiceField(label=_("Importieren in"))
    plan_title = forms.CharField(
        label=_("Name des Plans"), required=False, max_length=200,
        help_text=_("Für einen neuen Plan. Leer: der Name, den die Datei nennt (ein Export aus Teilhabe nennt "
                    "ihn); nennt sie keinen, werden Sie danach gefragt. In der Vorschau können Sie ihn ändern."),
    )

    def __init__(self, *args: Any, municipality: Municipality, actor: Actor | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        actor = actor or Actor.system(municipality.pk)
        self.editions = {str(e.pk): e for e in importable_editions(municipality)}
        choices = [(f"edition-{pk}", _edition_label(e)) for pk, e in self.editions.items()]
        choices.append((NEW_PLAN, str(_("Neuen Plan anlegen"))))
        target = self.fields["target"]
        assert isinstance(target, forms.ChoiceField)
        target.choices = choices
        first_plan = Plan.objects.of(municipality).order_by("title", "pk").first()
        working = edition_for(actor, first_plan) if first_plan else None
        target.initial = f"edition-{working.pk}" if working and str(working.pk) in self.editions else NEW_PLAN

    @property
    def edition(self) -> Edition | None:
        value = self.cleaned_data.get("target", NEW_PLAN)
        return self.editions.get(value.removeprefix("edition-")) if value != NEW_PLAN else None
