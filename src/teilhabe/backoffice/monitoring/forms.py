"""Forms of the monitoring's back office: indicators and rates, the list filter, the catalogue, categories,
series breaks and the indicator page's breakdown selector."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.backoffice.flow import VersionedForm
from teilhabe.backoffice.plans.forms.plan import GermanDecimalField
from teilhabe.backoffice.widgets import ChoiceList
from teilhabe.core.forms import KernForm
from teilhabe.core.validators import validate_no_markup
from teilhabe.monitoring.models import Dimension, Direction, Frequency, Indicator, Kind, Unit

PLAIN = [validate_no_markup]
VALUE_HELP = _("z. B. 17,5 oder 1.250")
PERIOD_HELP = _("Jahr, Monat oder Tag, z. B. 2019, 06/2019 oder 31.12.2019")
EDITABLE = [
    "key", "name", "definition", "unit", "unit_label", "source", "frequency", "method_notes", "dimensions",
    "kind", "fields", "goals", "measures", "baseline_value", "baseline_period", "target_value", "target_period",
    "direction", "weight", "is_published",
]
RATE_PARTS = ["numerator", "denominator"]
LINKS = ("fields_of_action", "goals", "measures")
# Form fields named differently from the service's values (Form.fields is taken).
VALUE_NAMES = {"fields_of_action": "fields"}
ERROR_FIELDS = {value: form for form, value in VALUE_NAMES.items()}



class ValueField(GermanDecimalField):
    """A value as people write it; shown without trailing zeros (not as an amount in euros)."""

    def prepare_value(self, value: Any) -> Any:
        from decimal import Decimal

        if isinstance(value, Decimal):
            text = f"{value.normalize():f}"
            return text.replace(".", ",")
        return value


class IndicatorForm(VersionedForm):
    key = forms.SlugField(label=_("Kennung"), max_length=60, help_text=_(
        "Kurz und eindeutig, nur Kleinbuchstaben, Ziffern, - und _, z. B. auslaenderanteil. Teil von Adressen "
        "und Dateinamen."))
    name = forms.CharField(label=_("Name"), max_length=200, validators=PLAIN)
    definition = forms.CharField(label=_("Definition"), required=False, validators=PLAIN,
                                 widget=forms.Textarea(attrs={"rows": 3}))
    unit = forms.ChoiceField(label=_("Einheit"), choices=Unit.choices)
    unit_label = forms.CharField(label=_("Einheit, wie sie neben den Werten steht"), max_length=60, required=False,
                                 validators=PLAIN, help_text=_("z. B. Personen, %, je 1.000 Einwohner"))
    numerator = forms.TypedChoiceField(label=_("Zähler"), coerce=int)
    denominator = forms.TypedChoiceField(label=_("Nenner"), coerce=int)
    source = forms.CharField(label=_("Datenquelle"), max_length=300, required=False, validators=PLAIN)
    frequency = forms.ChoiceField(label=_("Aktualisierung"), choices=Frequency.choices)
    method_notes = forms.CharField(label=_("Methodische Hinweise"), required=False, validators=PLAIN,
                                   widget=forms.Textarea(attrs={"rows": 3}))
    dimensions = forms.MultipleChoiceField(label=_("Aufgliederungen"), choices=Dimension.choices, required=False,
                                           widget=forms.CheckboxSelectMultiple)
    kind = forms.ChoiceField(label=_("Art"), choices=Kind.choices)
    fields_of_action = forms.TypedMultipleChoiceField(label=_("Handlungsfelder"), coerce=int, required=False,
                                            widget=ChoiceList(filter_label=_("Handlungsfelder filtern")))
    goals = forms.TypedMultipleChoiceField(
        label=_("Ziele"), coerce=int, required=False, widget=ChoiceList(filter_label=_("Ziele filtern")),
        help_text=_("Ein Erfolgsindikator geht in die Zielerreichung dieser Ziele ein."))
    measures = forms.TypedMultipleChoiceField(label=_("Maßnahmen"), coerce=int, required=False,
                                              widget=ChoiceList(filter_label=_("Maßnahmen filtern")))
    baseline_value = ValueField(label=_("Ausgangswert"), required=False, max_digits=20, decimal_places=4,
                                help_text=VALUE_HELP, widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    baseline_period = forms.CharField(label=_("Ausgangsjahr"), max_length=20, required=False, validators=PLAIN,
                                      help_text=PERIOD_HELP)
    target_value = ValueField(label=_("Zielwert"), required=False, max_digits=20, decimal_places=4,
                              help_text=VALUE_HELP, widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    target_period = forms.CharField(label=_("Zieljahr"), max_length=20, required=False, validators=PLAIN,
                                    help_text=PERIOD_HELP)
    direction = forms.ChoiceField(label=_("Gewünschte Richtung"), choices=Direction.choices)
    weight = ValueField(label=_("Gewicht in der Zielerreichung"), max_digits=6, decimal_places=2, min_value=0,
                        initial=1, widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                        help_text=_("Wie stark der Indikator in die Zielerreichung seiner Ziele eingeht (Standard 1)."))
    is_published = forms.BooleanField(label=_("Öffentlich (Portal und offene Daten)"), required=False)

    def __init__(self, *args: Any, rate: bool, counts: Sequence[Indicator] = (),
                 links: dict[str, list[tuple[Any, Any]]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if rate:
            choices = [("", "–")] + [(i.pk, f"{i.name} ({i.key})") for i in counts]
            for name in RATE_PARTS:
                cast(forms.ChoiceField, self.fields[name]).choices = choices
            cast(forms.ChoiceField, self.fields["unit"]).choices = [
                (u.value, u.label) for u in (Unit.PERCENT, Unit.PER_1000)]
            self.fields["dimensions"].help_text = _(
                "Eine Quote lässt sich nur nach dem aufgliedern, wonach Zähler und Nenner aufgegliedert sind.")
        else:
            for name in RATE_PARTS:
                del self.fields[name]
        for name in LINKS:
            cast(forms.ChoiceField, self.fields[name]).choices = (links or {}).get(name, [])

    def clean_key(self) -> str:
        return str(self.cleaned_data["key"]).lower()

    def values(self, objects: dict[str, dict[int, Any]]) -> dict[str, Any]:
        """The cleaned values as the service takes them: linked objects instead of ids."""
        values = {name: self.cleaned_data[name] for name in self.fields if name != "version"}
        for name in LINKS:
            values[name] = [objects[name][pk] for pk in values[name] if pk in objects[name]]
        for name in RATE_PARTS:
            if name in values:
                values[name] = objects["counts"].get(values[name])
        return {VALUE_NAMES.get(name, name): value for name, value in values.items()}


class RateForm(KernForm):
    """A rate from two counts: numerator / denominator × per."""

    key = forms.SlugField(label=_("Kennung"), max_length=60, help_text=_("z. B. arbeitslosenquote"))
    name = forms.CharField(label=_("Name"), max_length=200, validators=PLAIN)
    numerator = forms.TypedChoiceField(label=_("Zähler"), coerce=int,
                                       help_text=_("Die Anzahl, die gezählt wird, z. B. Arbeitslose."))
    denominator = forms.TypedChoiceField(label=_("Nenner"), coerce=int,
                                         help_text=_("Die Bezugsgröße, z. B. zivile Erwerbspersonen."))
    per = forms.TypedChoiceField(label=_("Je"), coerce=int, choices=[(100, _("100 (Prozent)")), (1000, _("1.000"))])
    definition = forms.CharField(label=_("Definition"), required=False, validators=PLAIN,
                                 widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, counts: Iterable[Indicator], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "–")] + [(i.pk, f"{i.name} ({i.key})") for i in counts]
        for name in RATE_PARTS:
            cast(forms.ChoiceField, self.fields[name]).choices = choices

    def clean_key(self) -> str:
        return str(self.cleaned_data["key"]).lower()


class IndicatorFilterForm(KernForm):
    """The list's filters (GET); an invalid filter is ignored and shown next to its field."""

    feld = forms.TypedChoiceField(label=_("Handlungsfeld"), coerce=int, required=False, empty_value=None)
    art = forms.ChoiceField(label=_("Art"), required=False)
    oeffentlich = forms.ChoiceField(label=_("Veröffentlicht"), required=False, choices=[
        ("", _("alle")), ("ja", _("öffentlich")), ("nein", _("nicht öffentlich"))])
    q = forms.CharField(label=_("Suche"), required=False, max_length=100, help_text=_("Name oder Kennung"))

    def __init__(self, *args: Any, fields: Sequence[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["feld"]).choices = [("", _("alle")), *list(fields)]
        cast(forms.ChoiceField, self.fields["art"]).choices = [
            ("", _("alle")), *Kind.choices, ("rate", _("berechnete Quoten"))]

    def valid_values(self) -> dict[str, Any]:
        self.is_valid()
        return {name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors}


class CatalogueForm(KernForm):
    entries = forms.MultipleChoiceField(label=_("Einträge"), widget=forms.CheckboxSelectMultiple, error_messages={
        "required": _("Wählen Sie mindestens einen Eintrag des Startkatalogs.")})

    def __init__(self, *args: Any, keys: Iterable[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["entries"]).choices = [(k, k) for k in keys]


class CategoryForm(VersionedForm):
    dimension = forms.ChoiceField(label=_("Aufgliederung"), choices=[
        (d.value, d.label) for d in (Dimension.AGE, Dimension.DISTRICT, Dimension.SEX, Dimension.NATIONALITY,
                                     Dimension.MIGRATION)],
        help_text=_("Altersgruppen und Stadtteile legt die Kommune selbst fest; für Geschlecht, "
                    "Staatsangehörigkeit und Migrationshintergrund gibt es feste Kategorien, hier können Sie "
                    "weitere Schreibweisen ergänzen."))
    code = forms.SlugField(label=_("Code"), max_length=40,
                           help_text=_("Kurz, ohne Leerzeichen, z. B. u18 oder 08221000-altstadt"))
    label = forms.CharField(label=_("Bezeichnung"), max_length=120, validators=PLAIN,
                            help_text=_("So erscheint die Kategorie in Tabellen und Dateien, z. B. „unter 18 Jahre“."))
    aliases = forms.CharField(label=_("Andere Schreibweisen"), required=False, validators=PLAIN,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("Eine je Zeile; beim Import gleichwertig, z. B. „u18“ oder „0 bis 17“."))

    def clean_aliases(self) -> list[str]:
        text = str(self.cleaned_data.get("aliases") or "")
        return [line.strip() for line in text.splitlines() if line.strip()]


class SeriesBreakForm(KernForm):
    period = forms.CharField(label=_("Ab Periode"), max_length=20, validators=PLAIN, help_text=PERIOD_HELP)
    note = forms.CharField(label=_("Erläuterung"), max_length=300, validators=PLAIN,
                           help_text=_("z. B. Zensus 2022: Bevölkerung neu hochgerechnet"))


class BreakdownForm(KernForm):
    """The indicator page's breakdown selector (GET, works without JavaScript). Unbound without ?nach=: the
    total; an unknown breakdown is an error next to the selector and the page shows the total."""

    TOTAL = "gesamt"
    nach = forms.ChoiceField(label=_("Aufgliederung"))

    def __init__(self, data: Any = None, *, dimensions: Sequence[str], **kwargs: Any) -> None:
        super().__init__(data, initial={"nach": self.TOTAL}, **kwargs)
        labels = dict(Dimension.choices)
        cast(forms.ChoiceField, self.fields["nach"]).choices = [(self.TOTAL, _("insgesamt"))] + [
            (d, _("nach %(dimension)s") % {"dimension": labels[d]}) for d in dimensions if d in labels]

    def chosen(self) -> str:
        if self.is_bound and self.is_valid() and self.cleaned_data["nach"] != self.TOTAL:
            return str(self.cleaned_data["nach"])
        return ""
