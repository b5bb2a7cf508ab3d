"""The event form of the back office: simple enough for volunteers. Native date and time inputs, a
recurrence helper (none / weekly on weekdays / monthly / own RRULE), exceptions and extra dates as lists.
It only reads and checks input; calendar.events.services writes."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from teilhabe.backoffice.flow import VersionedForm
from teilhabe.calendar.events.services import ACCESSIBILITY
from teilhabe.calendar.models import Event, EventCategory
from teilhabe.core.forms import KernForm
from teilhabe.core.models import Organisation, OrgUnit
from teilhabe.core.richtext import validate_accessible

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
WEEKDAYS = [("MO", _("Montag")), ("TU", _("Dienstag")), ("WE", _("Mittwoch")), ("TH", _("Donnerstag")),
            ("FR", _("Freitag")), ("SA", _("Samstag")), ("SU", _("Sonntag"))]
GERMAN_DATE_RE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
WEEKLY_RE = re.compile(r"^FREQ=WEEKLY(?:;BYDAY=((?:MO|TU|WE|TH|FR|SA|SU)(?:,(?:MO|TU|WE|TH|FR|SA|SU))*))?"
                       r"(?:;UNTIL=(\d{8})(?:T\d{6}Z?)?)?$")
MONTHLY_RE = re.compile(r"^FREQ=MONTHLY(?:;UNTIL=(\d{8})(?:T\d{6}Z?)?)?$")


class Repeat:
    NONE = "none"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    CUSTOM = "custom"
    CHOICES = [(NONE, _("keine Wiederholung")), (WEEKLY, _("jede Woche an diesen Wochentagen")),
               (MONTHLY, _("jeden Monat am selben Tag")), (CUSTOM, _("eigene Regel (RRULE, für Fachleute)"))]


def parse_date_list(text: str) -> list[str]:
    """Dates one per line or separated by commas, as 2026-05-14 or 14.05.2026 (a time may follow ISO dates)."""
    result = []
    for raw in re.split(r"[\n,;]+", text or ""):
        item = raw.strip()
        if not item:
            continue
        match = GERMAN_DATE_RE.match(item)
        try:
            if match:
                day, month, year = (int(g) for g in match.groups())
                result.append(dt.date(year, month, day).isoformat())
            elif "T" in item:
                result.append(dt.datetime.fromisoformat(item).isoformat(timespec="minutes"))
            else:
                result.append(dt.date.fromisoformat(item).isoformat())
        except ValueError:
            raise ValidationError(_("„%(item)s“ ist kein gültiges Datum (z. B. 14.05.2026).")
                                  % {"item": item[:30]}) from None
    return result


def german_dates(values: list[str]) -> str:
    lines = []
    for value in values:
        if "T" in value:
            lines.append(value)
        else:
            lines.append(dt.date.fromisoformat(value).strftime("%d.%m.%Y"))
    return "\n".join(lines)


def organiser_choices(organisations: list[Organisation], units: list[OrgUnit]) -> list[tuple[str, Any]]:
    choices: list[tuple[str, Any]] = [("", _("– bitte wählen –"))]
    if organisations:
        choices.append((str(_("Organisationen")), [(f"o{o.pk}", o.name) for o in organisations]))
    if units:
        choices.append((str(_("Verwaltung")), [(f"u{u.pk}", u.name) for u in units]))
    return choices


class EventForm(VersionedForm):
    organiser = forms.ChoiceField(label=_("Veranstalter"))
    title = forms.CharField(label=_("Titel"), max_length=200)
    description = forms.CharField(label=_("Beschreibung"), required=False, max_length=20000,
                                  widget=forms.Textarea(attrs={"rows": 6}),
                                  help_text=_("Absätze durch eine Leerzeile trennen. Erlaubt sind einfache "
                                              "Auszeichnungen (Überschriften ab h2, Listen, Links mit "
                                              "aussagekräftigem Text)."))
    categories = forms.MultipleChoiceField(label=_("Kategorien"), required=False,
                                           widget=forms.CheckboxSelectMultiple)
    all_day = forms.BooleanField(label=_("ganztägig"), required=False)
    start_date = forms.DateField(label=_("erster Tag"), widget=DATE_INPUT)
    start_time = forms.TimeField(label=_("Beginn (Uhrzeit)"), required=False, widget=TIME_INPUT)
    end_date = forms.DateField(label=_("letzter Tag"), widget=DATE_INPUT,
                               help_text=_("Bei eintägigen Terminen derselbe Tag."))
    end_time = forms.TimeField(label=_("Ende (Uhrzeit)"), required=False, widget=TIME_INPUT)
    repeat = forms.ChoiceField(label=_("Wiederholung"), choices=Repeat.CHOICES, initial=Repeat.NONE,
                               widget=forms.RadioSelect)
    weekdays = forms.MultipleChoiceField(label=_("Wochentage (bei wöchentlicher Wiederholung)"), choices=WEEKDAYS,
                                         required=False, widget=forms.CheckboxSelectMultiple)
    repeat_until = forms.DateField(label=_("Wiederholen bis"), required=False, widget=DATE_INPUT,
                                   help_text=_("Leer lassen, wenn die Reihe kein Ende hat."))
    rrule = forms.CharField(label=_("Eigene Regel (RRULE)"), required=False, max_length=500,
                            help_text=_("Zum Beispiel FREQ=MONTHLY;BYDAY=1TU (jeden ersten Dienstag)."))
    exdates = forms.CharField(label=_("Ausnahmen: an diesen Tagen nicht"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}),
                              help_text=_("Ein Datum je Zeile, z. B. 24.12.2026."))
    rdates = forms.CharField(label=_("Zusätzliche Termine"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("Ein Datum je Zeile; zur selben Uhrzeit wie der erste Termin."))
    place_name = forms.CharField(label=_("Ort"), required=False, max_length=200)
    address = forms.CharField(label=_("Adresse"), required=False, max_length=300)
    district = forms.CharField(label=_("Stadtteil"), required=False, max_length=100)
    online_url = forms.URLField(label=_("Online-Link"), required=False, max_length=500, assume_scheme="https")
    languages = forms.CharField(label=_("Sprachen"), required=False, max_length=200,
                                help_text=_("Sprachcodes mit Komma, z. B. de, ar, tr."))
    is_free = forms.BooleanField(label=_("kostenlos"), required=False, initial=True)
    cost = forms.CharField(label=_("Kosten"), required=False, max_length=200)
    registration_required = forms.BooleanField(label=_("Anmeldung erforderlich"), required=False)
    registration_url = forms.URLField(label=_("Link zur Anmeldung"), required=False, max_length=500,
                                      assume_scheme="https")
    registration_text = forms.CharField(label=_("Hinweis zur Anmeldung"), required=False, max_length=300)
    accessibility = forms.MultipleChoiceField(label=_("Barrierefreiheit"), required=False,
                                              choices=list(ACCESSIBILITY.items()), widget=forms.CheckboxSelectMultiple)
    state = forms.ChoiceField(label=_("Status"), choices=Event.State.choices, initial=Event.State.DRAFT,
                              widget=forms.RadioSelect)

    def __init__(self, *args: Any, organisations: list[Organisation], units: list[OrgUnit],
                 categories: list[EventCategory], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisations = {f"o{o.pk}": o for o in organisations}
        self.units = {f"u{u.pk}": u for u in units}
        self.fields["organiser"].choices = organiser_choices(organisations, units)  # type: ignore[attr-defined]
        self.fields["categories"].choices = [(c.key, c.name) for c in categories]  # type: ignore[attr-defined]
        self.categories_by_key = {c.key: c for c in categories}

    def clean_description(self) -> str:
        from teilhabe.core.richtext import sanitize

        text = sanitize(self.cleaned_data.get("description") or "")
        validate_accessible(text)
        return text

    def clean_exdates(self) -> list[str]:
        return parse_date_list(self.cleaned_data.get("exdates") or "")

    def clean_rdates(self) -> list[str]:
        return parse_date_list(self.cleaned_data.get("rdates") or "")

    def clean_languages(self) -> list[str]:
        return [code.strip().lower() for code in re.split(r"[,\s]+", self.cleaned_data.get("languages") or "")
                if code.strip()]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("all_day"):
            for name in ("start_time", "end_time"):
                if data.get(name) is None and name not in self.errors:
                    self.add_error(name, _("Bitte geben Sie eine Uhrzeit an oder wählen Sie „ganztägig“."))
        repeat = data.get("repeat")
        if repeat == Repeat.WEEKLY and not data.get("weekdays") and data.get("start_date"):
            data["weekdays"] = [WEEKDAYS[data["start_date"].weekday()][0]]
        if repeat == Repeat.CUSTOM and not (data.get("rrule") or "").strip():
            self.add_error("rrule", _("Bitte geben Sie die Regel an oder wählen Sie eine andere Wiederholung."))
        return data

    def build_rrule(self) -> str:
        data = self.cleaned_data
        until = f";UNTIL={data['repeat_until']:%Y%m%d}" if data.get("repeat_until") else ""
        if data["repeat"] == Repeat.WEEKLY:
            return f"FREQ=WEEKLY;BYDAY={','.join(data['weekdays'])}{until}"
        if data["repeat"] == Repeat.MONTHLY:
            return f"FREQ=MONTHLY{until}"
        if data["repeat"] == Repeat.CUSTOM:
            return str(data.get("rrule") or "")
        return ""

    def values(self) -> dict[str, Any]:
        """What the service gets."""
        data = self.cleaned_data
        organiser = data["organiser"]
        all_day = bool(data.get("all_day"))
        if all_day:
            start: Any = data["start_date"]
            end: Any = data["end_date"]
        else:
            start = dt.datetime.combine(data["start_date"], data["start_time"])
            end = dt.datetime.combine(data["end_date"], data["end_time"])
        repeating = data["repeat"] != Repeat.NONE
        return {
            "organisation": self.organisations.get(organiser), "org_unit": self.units.get(organiser),
            "title": data["title"], "description": data["description"],
            "categories": [self.categories_by_key[key] for key in data["categories"]],
            "all_day": all_day, "start": start, "end": end, "rrule": self.build_rrule(),
            "exdates": data["exdates"] if repeating else [], "rdates": data["rdates"],
            "place_name": data["place_name"], "address": data["address"], "district": data["district"],
            "online_url": data["online_url"], "languages": data["languages"], "is_free": data["is_free"],
            "cost": data["cost"], "registration_required": data["registration_required"],
            "registration_url": data["registration_url"], "registration_text": data["registration_text"],
            "accessibility": data["accessibility"], "state": data["state"],
        }


def initial_of(event: Event, tz: Any) -> dict[str, Any]:
    start, end = event.start.astimezone(tz), event.end.astimezone(tz)
    if event.all_day:
        end = end - dt.timedelta(days=1)
    weekdays: list[str] = []
    repeat, until, rule = Repeat.NONE, None, ""
    if event.rrule:
        weekly, monthly = WEEKLY_RE.match(event.rrule), MONTHLY_RE.match(event.rrule)
        if weekly:
            repeat, weekdays = Repeat.WEEKLY, (weekly.group(1) or WEEKDAYS[start.weekday()][0]).split(",")
            until = weekly.group(2)
        elif monthly:
            repeat, until = Repeat.MONTHLY, monthly.group(1)
        else:
            repeat, rule = Repeat.CUSTOM, event.rrule
    elif event.rdates:
        repeat = Repeat.NONE
    return {
        "version": event.version,
        "organiser": f"o{event.organisation_id}" if event.organisation_id else f"u{event.org_unit_id}",
        "title": event.title, "description": event.description,
        "categories": [c.key for c in event.categories.all()],
        "all_day": event.all_day, "start_date": start.date(), "end_date": end.date(),
        "start_time": None if event.all_day else start.time(), "end_time": None if event.all_day else end.time(),
        "repeat": repeat, "weekdays": weekdays,
        "repeat_until": dt.datetime.strptime(until, "%Y%m%d").date() if until else None, "rrule": rule,
        "exdates": german_dates(event.exdates), "rdates": german_dates(event.rdates),
        "place_name": event.place_name, "address": event.address, "district": event.district,
        "online_url": event.online_url, "languages": ", ".join(event.languages), "is_free": event.is_free,
        "cost": event.cost, "registration_required": event.registration_required,
        "registration_url": event.registration_url, "registration_text": event.registration_text,
        "accessibility": list(event.accessibility), "state": event.state,
    }


class OccurrenceForm(KernForm):
    """Cancel, move or restore one occurrence (its recurrence id is the start the rule gives it)."""

    action = forms.ChoiceField(choices=[("cancel", _("absagen")), ("move", _("verschieben")),
                                        ("restore", _("wie geplant"))], widget=forms.HiddenInput)
    recurrence_id = forms.DateTimeField(widget=forms.HiddenInput)
    new_start = forms.DateTimeField(label=_("neuer Beginn"), required=False, widget=DATETIME_INPUT,
                                    input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    note = forms.CharField(label=_("Hinweis"), required=False, max_length=300)
