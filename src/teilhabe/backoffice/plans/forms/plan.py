"""Forms of the plan: they check and translate input into the keyword values the plan services take.
Choices are always limited to the municipality and edition at hand, so a foreign id is a form error."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape as html_escape
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.forms.utils import flatatt
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from teilhabe.backoffice.flow import VersionedForm
from teilhabe.backoffice.widgets import Choice, ChoiceList, CreateControl
from teilhabe.core.display import format_cost_input
from teilhabe.core.forms import KernForm
from teilhabe.core.models import Municipality, Organisation, OrgUnit
from teilhabe.core.validators import validate_no_markup
from teilhabe.plans import links as plan_links
from teilhabe.plans import selectors
from teilhabe.plans.links import parse_link
from teilhabe.plans.models import Edition, FieldOfAction, Goal, Measure, StatusOption, TargetGroup
from teilhabe.plans.selectors import PlanOutline, TreeGoal, lead_key, parse_actor_key

PLAIN = [validate_no_markup]
INDENT = "\u2003"  # an em space per goal level in option labels
COLOUR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"]
MAX_LINES = 50


class FastSelect(forms.Select):
    """A select rendered in Python: Django renders each option through a template, which takes a noticeable
    time for the thousand goals of a large plan. Same markup, every text escaped."""

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        final_attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final_attrs["multiple"] = True
        selected = {str(v) for v in self.format_value(value)}
        out = [f'<select name="{html_escape(name)}"{flatatt(final_attrs)}>']
        for option_value, label in self.choices:
            if isinstance(label, list | tuple):
                out.append(f'<optgroup label="{html_escape(str(option_value))}">')
                out.extend(self._option(v, lbl, selected) for v, lbl in label)
                out.append("</optgroup>")
            else:
                out.append(self._option(option_value, label, selected))
        out.append("</select>")
        return mark_safe("".join(out))  # every value and label above is escaped

    @staticmethod
    def _option(value: Any, label: Any, selected: set[str]) -> str:
        value = "" if value is None else str(value)
        mark = " selected" if value in selected else ""
        return f'<option value="{html_escape(value)}"{mark}>{html_escape(str(label))}</option>'


class PlanBaseForm(KernForm):
    """Errors of hidden fields (a tampered version) have no place on the page: show them on top."""

    def clean(self) -> dict[str, Any]:
        super().clean()
        for name in [n for n, f in self.fields.items() if f.widget.is_hidden and n in self.errors]:
            del self.errors[name]
            self.add_error(None, _("Das Formular ist veraltet oder beschädigt. Bitte laden Sie die Seite neu."))
        return self.cleaned_data


def set_choices(form: forms.Form, name: str, choices: Any) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


# --- plan ------------------------------------------------------------------------------------------------


class PlanCreateForm(PlanBaseForm):
    title = forms.CharField(label=_("Titel"), max_length=200, validators=PLAIN,
                            help_text=_("z. B. Kommunaler Integrationsplan"))
    description = forms.CharField(label=_("Beschreibung"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                  validators=PLAIN)
    goal_level_names = forms.CharField(
        label=_("Namen der Zielebenen"), max_length=500, validators=PLAIN, initial="Leitziel, Teilziel, Handlungsziel",
        help_text=_("Von oben nach unten, durch Kommas getrennt, z. B. Leitziel, Teilziel, Handlungsziel."),
    )

    def clean_goal_level_names(self) -> list[str]:
        names = [n.strip() for n in self.cleaned_data["goal_level_names"].split(",") if n.strip()]
        if not names:
            raise ValidationError(_("Bitte nennen Sie mindestens eine Zielebene."))
        if any(len(n) > 60 for n in names) or len(names) > 10:
            raise ValidationError(_("Höchstens 10 Ebenen mit je höchstens 60 Zeichen."))
        return names


# --- fields of action ---------------------------------------------------------------------------------------


class FieldForm(VersionedForm, PlanBaseForm):
    title = forms.CharField(label=_("Titel"), max_length=200, validators=PLAIN)
    description = forms.CharField(label=_("Beschreibung"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
                                  validators=PLAIN)
    colour = forms.CharField(label=_("Farbe"), max_length=7, initial="#005a9c",
                             widget=forms.TextInput(attrs={"type": "color"}))

    def clean_colour(self) -> str:
        colour: str = self.cleaned_data["colour"]
        if not COLOUR_RE.match(colour):
            raise ValidationError(_("Bitte geben Sie eine Farbe als #RRGGBB an."))
        return colour.lower()

    def service_values(self) -> dict[str, Any]:
        return {k: self.cleaned_data[k] for k in ("title", "description", "colour")}


# --- goals -----------------------------------------------------------------------------------------------------


def _goal_label(goal: TreeGoal) -> str:
    return f"{INDENT * goal.depth}{goal.level_name}: {goal.title}"


def goal_choice_groups(outline: PlanOutline) -> list[tuple[str, list[tuple[int, str]]]]:
    """Goals grouped by field of action, in tree order, labelled with their level: for select boxes."""
    groups = []
    for f in outline.fields:
        items: list[tuple[int, str]] = []

        def walk(nodes: list[TreeGoal], into: list[tuple[int, str]] = items) -> None:
            for node in nodes:
                into.append((node.id, _goal_label(node)))
                walk(node.children, into)

        walk(f.goals)
        if items:
            groups.append((f.title, items))
    return groups


def goal_checkbox_groups(outline: PlanOutline) -> list[tuple[str, list[tuple[int, Choice]]]]:
    """The same, for a checkbox list: each label knows its level and depth (indented, wrapping)."""
    groups = []
    for f in outline.fields:
        items: list[tuple[int, Choice]] = []

        def walk(nodes: list[TreeGoal], into: list[tuple[int, Choice]] = items) -> None:
            for node in nodes:
                into.append((node.id, Choice(node.title, node.level_name, node.depth)))
                walk(node.children, into)

        walk(f.goals)
        if items:
            groups.append((f.title, items))
    return groups


class GoalForm(VersionedForm, PlanBaseForm):
    title = forms.CharField(label=_("Titel"), max_length=300, validators=PLAIN)
    parent = forms.TypedChoiceField(label=_("Übergeordnetes Ziel"), coerce=int, required=False, empty_value=None)
    description = forms.CharField(label=_("Beschreibung"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
                                  validators=PLAIN)

    def __init__(self, *args: Any, outline: PlanOutline, field: FieldOfAction, goal: Goal | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, with_version=goal is not None, **kwargs)
        excluded = outline.descendants(goal.pk) if goal is not None else set()
        field_node = next(f for f in outline.fields if f.id == field.pk)
        options: list[tuple[Any, Any]] = [("", _("– keines (oberste Ebene) –"))]

        def walk(nodes: list[TreeGoal]) -> None:
            for node in nodes:
                if node.id not in excluded:
                    options.append((node.id, _goal_label(node)))
                    walk(node.children)

        walk(field_node.goals)
        set_choices(self, "parent", options)
        self._goals = {g.id: g for g in outline.goals.values() if g.field_id == field.pk}

    def parent_id(self) -> int | None:
        value: int | None = self.cleaned_data.get("parent")
        return value


# --- measures ----------------------------------------------------------------------------------------------------


class GermanDecimalField(forms.DecimalField):
    """Accepts 1234,50, 1.234,50 and 12.500 € (German) as well as 1234.50 and 12,500.00; an amount in euros,
    pre-filled as people write it ("12.500,00" in German, "12,500.00" in English)."""

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            text = value.replace("€", "").replace("EUR", "").replace("\u00a0", "").replace(" ", "").strip()
            if "," in text and "." in text:  # both: the one written last separates the cents
                grouping = "." if text.rindex(",") > text.rindex(".") else ","
                text = text.replace(grouping, "").replace(",", ".")
            elif "," in text:
                text = text.replace(",", ".")
            elif re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
                text = text.replace(".", "")
            value = text
        return super().to_python(value)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return format_cost_input(value)
        return value


class LinesField(forms.CharField):
    """One entry per line; empty lines are dropped."""

    widget = forms.Textarea(attrs={"rows": 4})

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [line.strip() for line in str(text).splitlines() if line.strip()]

    def validate(self, value: Any) -> None:
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")

    def run_validators(self, value: Any) -> None:
        if len(value) > MAX_LINES:
            raise ValidationError(_("Höchstens %(n)s Zeilen.") % {"n": MAX_LINES})
        for line in value:
            validate_no_markup(line)
            if len(line) > 500:
                raise ValidationError(_("Eine Zeile ist länger als 500 Zeichen."))


def parse_links(lines: Sequence[str]) -> list[dict[str, str]]:
    """One link per line, see teilhabe.plans.links; the message names the line."""
    links = []
    for number, line in enumerate(lines, start=1):
        try:
            links.append(parse_link(line))
        except ValidationError as error:
            raise ValidationError(
                _("Zeile %(n)s: %(message)s") % {"n": number, "message": error.messages[0]}
            ) from None
    return links


def format_links(links: Any) -> str:
    return "\n".join(plan_links.format_links(links))


def actor_keys(units: Iterable[OrgUnit], organisations: Iterable[Organisation]) -> list[str]:
    """The choice keys of org units and organisations, as the actor fields post them."""
    return [f"u{u.pk}" for u in units] + [f"o{o.pk}" for o in organisations]


@dataclass
class MeasureOptions:
    """What a measure may point to, limited to one municipality and edition."""

    outline: PlanOutline
    fields: dict[int, FieldOfAction]
    goals: dict[int, Goal]
    org_units: dict[int, OrgUnit]
    organisations: dict[int, Organisation]
    target_groups: dict[int, TargetGroup]
    statuses: dict[int, StatusOption]

    @classmethod
    def load(cls, municipality: Municipality, edition: Edition) -> MeasureOptions:
        return cls(
            outline=selectors.plan_outline(edition),
            fields={f.pk: f for f in selectors.edition_fields(edition)},
            goals={g.pk: g for g in selectors.edition_goals(edition)},
            org_units={u.pk: u for u in selectors.org_units_of(municipality)},
            organisations={o.pk: o for o in selectors.organisations_of(municipality)},
            target_groups={t.pk: t for t in selectors.target_groups_of(municipality)},
            statuses={s.pk: s for s in selectors.status_options_of(municipality)},
        )

    def default_status(self) -> int | None:
        for pk, status in self.statuses.items():
            if status.is_default:
                return pk
        return next(iter(self.statuses), None)

    def goal_choices(self) -> list[tuple[str, list[tuple[int, Choice]]]]:
        return goal_checkbox_groups(self.outline)

    def actors(self, keys: Sequence[str]) -> tuple[list[OrgUnit], list[Organisation]]:
        """Chosen actor keys ("u12", "o3") → the org units and the organisations they name."""
        parsed = [key for key in map(parse_actor_key, keys) if key is not None]
        return ([self.org_units[pk] for kind, pk in parsed if kind == "u"],
                [self.organisations[pk] for kind, pk in parsed if kind == "o"])

    def actor_groups(self) -> list[tuple[str, list[tuple[str, str]]]]:
        groups = []
        if self.org_units:
            groups.append((str(_("Verwaltung")), [(f"u{pk}", u.name) for pk, u in self.org_units.items()]))
        if self.organisations:
            groups.append((str(_("Organisationen")), [(f"o{pk}", o.name) for pk, o in self.organisations.items()]))
        return groups


# Entries a measure form can create on the spot (the value of its "anlegen" button) and their longest names.
NEW_TARGET_GROUP = "zielgruppe"
NEW_ORGANISATION = "organisation"
NEW_NAME_MAX = {NEW_TARGET_GROUP: 120, NEW_ORGANISATION: 200}
NEW_ENTRY_FIELD = {NEW_TARGET_GROUP: "target_groups", NEW_ORGANISATION: "partners"}


class MeasureForm(VersionedForm, PlanBaseForm):
    reference = forms.CharField(label=_("Nr."), max_length=30, required=False, validators=PLAIN)
    title = forms.CharField(label=_("Titel"), max_length=300, validators=PLAIN)
    description = forms.CharField(label=_("Beschreibung"), required=False, widget=forms.Textarea(attrs={"rows": 5}),
                                  validators=PLAIN)
    field = forms.TypedChoiceField(label=_("Handlungsfeld"), coerce=int, widget=FastSelect)
    goals = forms.TypedMultipleChoiceField(
        label=_("Ziele"), coerce=int, required=False, widget=ChoiceList(filter_label=_("Ziele filtern")),
        help_text=_("Nach Handlungsfeld gruppiert; eingerückt nach Zielebene."),
    )
    lead = forms.ChoiceField(label=_("Federführung"), required=False, widget=FastSelect,
                             help_text=_("Die erstgenannte Stelle; sie ist Ansprechpartnerin."))
    co_leads = forms.MultipleChoiceField(
        label=_("Gemeinsam federführend mit"), required=False,
        widget=ChoiceList(filter_label=_("Federführende Stellen filtern")),
        help_text=_("Weitere federführende Stellen bei gemeinsamer Federführung."),
    )
    responsibility_note = forms.CharField(
        label=_("Anmerkung zur Zuständigkeit"), max_length=500, required=False, validators=PLAIN,
        help_text=_("z. B. „initiiert vom Bildungsbüro“ oder die Rolle einer Stelle."),
    )
    partners = forms.MultipleChoiceField(
        label=_("Partner"), required=False, widget=ChoiceList(filter_label=_("Partner filtern")),
        help_text=_("Verwaltungseinheiten und Organisationen."),
    )
    target_groups = forms.TypedMultipleChoiceField(
        label=_("Zielgruppen"), coerce=int, required=False, widget=ChoiceList(filter_label=_("Zielgruppen filtern")),
    )
    start_date = forms.DateField(label=_("Beginn"), required=False, input_formats=DATE_FORMATS,
                                 widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    end_date = forms.DateField(label=_("Ende"), required=False, input_formats=DATE_FORMATS,
                               widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                               help_text=_("Leer lassen für „laufend“."))
    cost_estimate = GermanDecimalField(label=_("Geschätzte Kosten (EUR)"), required=False, max_digits=14,
                                       decimal_places=2, min_value=0,
                                       widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                                       help_text=_("z. B. 12.500,00"))
    funding = forms.CharField(label=_("Finanzierung"), max_length=500, required=False, validators=PLAIN)
    is_key_project = forms.BooleanField(label=_("Schlüsselprojekt"), required=False)
    status = forms.TypedChoiceField(label=_("Status"), coerce=int)
    gender_diversity_note = forms.CharField(
        label=_("Gender- und Diversity-Aspekte"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        validators=PLAIN,
    )
    indicators = LinesField(label=_("Erfolgsindikatoren"), required=False, help_text=_("Einer pro Zeile."))
    links = LinesField(label=_("Links"), required=False,
                       help_text=_("Einer pro Zeile: Titel | https://…"))

    def __init__(self, *args: Any, options: MeasureOptions, responsibility_locked: bool = False,
                 with_version: bool = True, may_create_target_groups: bool = False,
                 may_create_organisations: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, with_version=with_version, **kwargs)
        self.options = options
        self.responsibility_locked = responsibility_locked
        if may_create_target_groups:
            self.choice_list("target_groups").create = CreateControl(
                action=NEW_TARGET_GROUP, label=str(_("Neue Zielgruppe anlegen")),
                input_label=str(_("Name der neuen Zielgruppe")), max_length=NEW_NAME_MAX[NEW_TARGET_GROUP])
        if may_create_organisations and not responsibility_locked:
            self.choice_list("partners").create = CreateControl(
                action=NEW_ORGANISATION, label=str(_("Neue Organisation anlegen")),
                input_label=str(_("Name der neuen Organisation")), max_length=NEW_NAME_MAX[NEW_ORGANISATION])
        set_choices(self, "field", [("", _("– bitte wählen –")), *((f.id, f.title) for f in options.outline.fields)])
        set_choices(self, "goals", options.goal_choices())
        set_choices(self, "lead", [("", _("– keine Angabe –")), *options.actor_groups()])
        set_choices(self, "co_leads", options.actor_groups())
        set_choices(self, "partners", options.actor_groups())
        set_choices(self, "target_groups", [(pk, t.name) for pk, t in options.target_groups.items()])
        set_choices(self, "status", [(pk, s.label) for pk, s in options.statuses.items()])
        if responsibility_locked:
            for name in ("field", "lead", "co_leads", "responsibility_note", "partners"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Ändert die Koordinierungsstelle.")

    @property
    def has_create_controls(self) -> bool:
        return any(self.choice_list(n).create is not None for n in NEW_ENTRY_FIELD.values())

    def choice_list(self, name: str) -> ChoiceList:
        widget = self.fields[name].widget
        assert isinstance(widget, ChoiceList)
        return widget

    @staticmethod
    def initial_for(measure: Measure) -> dict[str, Any]:
        """Form values of a saved measure; partners and goals must be prefetched."""
        return {
            "version": measure.version,
            "reference": measure.reference,
            "title": measure.title,
            "description": measure.description,
            "field": measure.field_id,
            "goals": [g.pk for g in measure.goals.all()],
            "lead": lead_key(measure),
            "co_leads": actor_keys(measure.co_lead_org_units.all(), measure.co_lead_organisations.all()),
            "responsibility_note": measure.responsibility_note,
            "partners": actor_keys(measure.partner_org_units.all(), measure.partner_organisations.all()),
            "target_groups": [t.pk for t in measure.target_groups.all()],
            "start_date": measure.start_date,
            "end_date": measure.end_date,
            "cost_estimate": measure.cost_estimate,
            "funding": measure.funding,
            "is_key_project": measure.is_key_project,
            "status": measure.status_id,
            "gender_diversity_note": measure.gender_diversity_note,
            "indicators": "\n".join(str(i) for i in measure.indicators or []),
            "links": format_links(measure.links),
        }

    def clean_links(self) -> list[dict[str, str]]:
        return parse_links(self.cleaned_data.get("links") or [])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Das Ende liegt vor dem Beginn."))
        lead, co_leads = cleaned.get("lead") or "", cleaned.get("co_leads") or []
        if co_leads and not lead:
            self.add_error("lead", _("Bei gemeinsamer Federführung nennen Sie bitte zuerst die Stelle, die "
                                     "Ansprechpartnerin ist."))
        elif lead and lead in co_leads:
            self.add_error("co_leads", _("Die erstgenannte Federführung ist hier nicht noch einmal zu wählen."))
        return cleaned

    def service_values(self) -> dict[str, Any]:
        """Keyword values for create_measure/update_measure. Fields a Fachstelle may not change are left out."""
        data = self.cleaned_data
        opts = self.options
        values: dict[str, Any] = {
            "reference": data["reference"],
            "title": data["title"],
            "description": data["description"],
            "goals": [opts.goals[pk] for pk in data["goals"]],
            "target_groups": [opts.target_groups[pk] for pk in data["target_groups"]],
            "start_date": data["start_date"],
            "end_date": data["end_date"],
            "cost_estimate": data["cost_estimate"],
            "funding": data["funding"],
            "is_key_project": data["is_key_project"],
            "status": opts.statuses[data["status"]],
            "gender_diversity_note": data["gender_diversity_note"],
            "indicators": data["indicators"],
            "links": data["links"],
        }
        if not self.responsibility_locked:
            lead = parse_actor_key(data["lead"] or "")
            values["field"] = opts.fields[data["field"]]
            values["lead_org_unit"] = opts.org_units[lead[1]] if lead and lead[0] == "u" else None
            values["lead_organisation"] = opts.organisations[lead[1]] if lead and lead[0] == "o" else None
            values["co_lead_org_units"], values["co_lead_organisations"] = opts.actors(data["co_leads"])
            values["responsibility_note"] = data["responsibility_note"]
            values["partner_org_units"], values["partner_organisations"] = opts.actors(data["partners"])
        return values


# Model field names in service errors → the form field that shows them.
MEASURE_ERROR_FIELDS: Mapping[str, str] = {
    "lead_org_unit": "lead", "lead_organisation": "lead", "co_lead_org_units": "co_leads",
    "co_lead_organisations": "co_leads", "responsibility_note": "responsibility_note", "partner_org_units": "partners",
    "partner_organisations": "partners",
}


class NewEntryForm(KernForm):
    """The name typed into "Neue Zielgruppe / Organisation anlegen" on the measure form."""

    name = forms.CharField(label=_("Name"), validators=PLAIN,
                           error_messages={"required": _("Bitte geben Sie einen Namen ein.")})

    def __init__(self, *args: Any, max_length: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        name = self.fields["name"]
        assert isinstance(name, forms.CharField)
        name.max_length = max_length
        name.validators.append(MaxLengthValidator(
            max_length, _("Der Name darf höchstens %(limit_value)s Zeichen lang sein.")))

    def clean_name(self) -> str:
        return " ".join(str(self.cleaned_data.get("name") or "").split())


# --- filter ----------------------------------------------------------------------------------------------------


class MeasureFilterForm(KernForm):
    """The measure list's filters (GET). Unknown values are dropped, never an error page."""

    q = forms.CharField(label=_("Suche"), required=False, max_length=200,
                        help_text=_("In Titel, Beschreibung und Nummer"))
    field = forms.TypedChoiceField(label=_("Handlungsfeld"), coerce=int, required=False, empty_value=None,
                                   widget=FastSelect)
    # Not a ChoiceField: Django would normalise the thousand goals of a large plan on every request.
    goal = forms.IntegerField(label=_("Ziel (mit Unterzielen)"), required=False, widget=FastSelect)
    lead = forms.ChoiceField(label=_("Federführung oder Partner"), required=False, widget=FastSelect)
    status = forms.TypedChoiceField(label=_("Status"), coerce=int, required=False, empty_value=None,
                                    widget=FastSelect)
    key = forms.TypedChoiceField(
        label=_("Schlüsselprojekt"), required=False, empty_value=None,
        coerce=lambda v: v == "ja", choices=[("", _("alle")), ("ja", _("nur Schlüsselprojekte")),
                                             ("nein", _("ohne Schlüsselprojekte"))],
    )

    def __init__(self, *args: Any, outline: PlanOutline, org_units: Sequence[tuple[int, str]],
                 organisations: Sequence[tuple[int, str]], statuses: Sequence[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        all_label = _("alle")
        set_choices(self, "field", [("", all_label), *((f.id, f.title) for f in outline.fields)])
        goal_groups: list[tuple[Any, Any]] = [("", all_label), *goal_choice_groups(outline)]
        goal_widget = self.fields["goal"].widget
        assert isinstance(goal_widget, FastSelect)
        goal_widget.choices = goal_groups
        self._goal_ids = outline.goals.keys()
        lead_groups: list[tuple[Any, Any]] = [("", all_label)]
        if org_units:
            lead_groups.append((_("Verwaltung"), [(f"u{pk}", name) for pk, name in org_units]))
        if organisations:
            lead_groups.append((_("Organisationen"), [(f"o{pk}", name) for pk, name in organisations]))
        set_choices(self, "lead", lead_groups)
        set_choices(self, "status", [("", all_label), *statuses])

    def clean_goal(self) -> int | None:
        goal: int | None = self.cleaned_data.get("goal")
        if goal is not None and goal not in self._goal_ids:
            raise ValidationError(_("Bitte wählen Sie ein Ziel aus der Liste."))
        return goal

    def clean_q(self) -> str:
        return str(self.cleaned_data.get("q") or "").strip()

    def valid_values(self) -> dict[str, Any]:
        """The filters that are valid; an invalid one is ignored (and shown as an error next to it)."""
        self.is_valid()
        return {name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors}
