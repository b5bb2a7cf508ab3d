"""Forms of the calendar's back office. They only read and check input; services write."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from teilhabe.backoffice.flow import Conflict, VersionedForm, with_values
from teilhabe.calendar import selectors
from teilhabe.calendar.models import OwnObservance
from teilhabe.core.i18n import language_name
from teilhabe.core.validators import validate_no_markup

MONTHS = [
    (1, _("Januar")), (2, _("Februar")), (3, _("März")), (4, _("April")), (5, _("Mai")), (6, _("Juni")),
    (7, _("Juli")), (8, _("August")), (9, _("September")), (10, _("Oktober")), (11, _("November")),
    (12, _("Dezember")),
]
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
GERMAN_DATE_RE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def observance_choices(setup: selectors.CalendarSetup) -> list[tuple[str, str]]:
    computed = [(key, d.names.get("de", key)) for key, d in selectors.engine_definitions().items()]
    own = [(o.key, str(o)) for o in setup.own]
    return sorted(computed + own, key=lambda item: item[1].casefold())


class VariantsForm(VersionedForm):
    """One radio group per group of observances with variants; the version is the calendar's."""

    def __init__(self, *args: Any, current: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for group in selectors.variant_groups().values():
            self.fields[f"variant_{group.key}"] = forms.ChoiceField(
                label=group.label, widget=forms.RadioSelect,
                choices=[(c, group.choice_label(c)) for c in group.choices],
                initial=current.get(group.key, group.default),
            )

    def variants(self) -> dict[str, str]:
        return {name.removeprefix("variant_"): value for name, value in self.cleaned_data.items()
                if name.startswith("variant_")}


class DateOverrideForm(VersionedForm):
    """The date of one observance in one year. The version is that of the override the form was opened for
    (0: none yet); `opened_for` names it, so that a person who picks another observance or year does not
    replace an override they have not seen."""

    keyed = True
    opened_for = forms.CharField(widget=forms.HiddenInput, required=False, max_length=80)
    observance_key = forms.ChoiceField(label=_("Feier- oder Gedenktag"))
    year = forms.IntegerField(label=_("Jahr"), min_value=selectors.MIN_YEAR, max_value=selectors.MAX_YEAR)
    date = forms.DateField(label=_("Datum (erster ganzer Tag)"), widget=DATE_INPUT)
    end_date = forms.DateField(label=_("letzter Tag"), required=False, widget=DATE_INPUT,
                               help_text=_("Leer lassen, wenn die Dauer gleich bleibt."))
    note = forms.CharField(label=_("Hinweis"), required=False, max_length=300, validators=[validate_no_markup],
                           help_text=_("Zum Beispiel: bekanntgegeben vom Moscheeverein."))

    def __init__(self, *args: Any, setup: selectors.CalendarSetup, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["observance_key"].choices = observance_choices(setup)  # type: ignore[attr-defined]

    @staticmethod
    def target(observance_key: str, year: int | str) -> str:
        return f"{observance_key}:{year}"

    def expected_version(self) -> int:
        """The version the person saw of the override they are saving, 0 if they saw none."""
        data = self.cleaned_data
        if data.get("opened_for") != self.target(data["observance_key"], data["year"]):
            return 0
        return int(data["version"])

    def rebind(self, conflict: Conflict) -> None:
        super().rebind(conflict)
        data = self.cleaned_data
        self.data = with_values(self.data, {"opened_for": self.target(data["observance_key"], data["year"])},
                                prefix=self.add_prefix)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        year, date, end = data.get("year"), data.get("date"), data.get("end_date")
        if year and date and date.year != year:
            self.add_error("date", _("Das Datum muss im gewählten Jahr liegen."))
        if date and end and end < date:
            self.add_error("end_date", _("Der letzte Tag darf nicht vor dem ersten liegen."))
        return data


def parse_dates(text: str) -> list[dt.date]:
    """One date per line (or separated by commas), as 2026-03-21 or 21.03.2026."""
    dates: list[dt.date] = []
    for raw in re.split(r"[\n,;]+", text):
        item = raw.strip()
        if not item:
            continue
        try:
            match = GERMAN_DATE_RE.match(item)
            dates.append(dt.date(int(match[3]), int(match[2]), int(match[1])) if match
                         else dt.date.fromisoformat(item))
        except ValueError:
            raise ValidationError(_("„%(item)s“ ist kein gültiges Datum (z. B. 21.03.2027).") % {"item": item}) \
                from None
    return dates


class OwnObservanceForm(VersionedForm):
    key = forms.SlugField(label=_("Kennung"), max_length=60,
                          help_text=_("Kleinbuchstaben, Ziffern und Bindestriche, z. B. fest-der-kulturen."))
    community = forms.ChoiceField(label=_("Gemeinschaft"), required=False)
    own_community = forms.CharField(label=_("oder eine eigene Gemeinschaft"), required=False, max_length=100,
                                    validators=[validate_no_markup])
    description = forms.CharField(label=_("Beschreibung"), required=False, max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 3}), validators=[validate_no_markup])
    rule = forms.ChoiceField(label=_("Terminregel"), choices=OwnObservance.Rule.choices, widget=forms.RadioSelect,
                             initial=OwnObservance.Rule.FIXED)
    day = forms.IntegerField(label=_("Tag"), required=False, min_value=1, max_value=31,
                             help_text=_("Bei „jedes Jahr am selben Tag“."))
    month = forms.TypedChoiceField(label=_("Monat"), required=False, coerce=int, empty_value=None,
                                   choices=[("", "–"), *MONTHS])
    dates = forms.CharField(label=_("Termine"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                            help_text=_("Bei „einzelne Termine je Jahr“: ein Datum pro Zeile, z. B. 21.03.2027."))
    length_days = forms.IntegerField(label=_("Dauer in Tagen"), min_value=1, max_value=60, initial=1)
    begins_evening_before = forms.BooleanField(label=_("beginnt am Vorabend"), required=False)

    def __init__(self, *args: Any, languages: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.languages = list(dict.fromkeys(["de", "en", *languages]))
        name_fields = {
            f"name_{code}": forms.CharField(
                label=_("Name (Deutsch)") if code == "de" else _("Name (%(lang)s)") % {"lang": language_name(code)},
                required=code == "de", max_length=200, validators=[validate_no_markup],
            )
            for code in self.languages
        }
        # Names come first, right after the key.
        ordered = {"key": self.fields.pop("key"), **name_fields, **self.fields}
        self.fields = ordered
        communities = selectors.engine_communities().values()
        self.fields["community"].choices = [  # type: ignore[attr-defined]
            ("", _("– eigene Gemeinschaft –")), *[(c.key, c.name_de) for c in communities]]
        for code in self.languages:
            if code != "de":
                self.fields[f"name_{code}"].widget.attrs.update({"lang": code, "dir": "auto"})

    @classmethod
    def initial_for(cls, observance: OwnObservance) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "key": observance.key, "community": observance.community, "own_community": observance.own_community,
            "description": observance.description, "rule": observance.rule, "day": observance.day,
            "month": observance.month, "length_days": observance.length_days,
            "begins_evening_before": observance.begins_evening_before, "version": observance.version,
            "dates": "\n".join(d.strftime("%d.%m.%Y") for d in observance.parsed_dates()),
        }
        initial.update({f"name_{code}": name for code, name in observance.names.items()})
        return initial

    def clean_dates(self) -> list[dt.date]:
        return parse_dates(self.cleaned_data.get("dates") or "")

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "key": data["key"],
            "names": {code: data.get(f"name_{code}", "") for code in self.languages},
            "community": data.get("community") or "",
            "own_community": data.get("own_community") or "",
            "description": data.get("description") or "",
            "rule": data["rule"],
            "day": data.get("day"),
            "month": data.get("month"),
            "dates": data.get("dates") or [],
            "length_days": data["length_days"],
            "begins_evening_before": data.get("begins_evening_before", False),
        }
