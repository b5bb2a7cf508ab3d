"""Forms of bodies, members and meetings in the back office. Choices come from one municipality, so a foreign
id is a form error, never a write; the services check everything again."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from teilhabe.backoffice.flow import VersionedForm
from teilhabe.backoffice.widgets import Choice, ChoiceList
from teilhabe.core.forms import KernForm
from teilhabe.core.models import Organisation, User
from teilhabe.core.richtext import to_plain
from teilhabe.core.validators import validate_no_markup, validate_web_address
from teilhabe.participation.models import Attendance, Body, BodyMember, Decision, Meeting, MeetingSession
from teilhabe.plans.models import FieldOfAction

PLAIN = [validate_no_markup]
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
RICH_HELP = _("Absätze durch Leerzeilen. Erlaubt sind Überschriften (h2–h4), Listen und Links mit aussagekräftigem "
              "Text; alles andere wird entfernt.")


def rich_initial(html: str) -> str:
    """Simple paragraphs are edited as plain text; richer HTML as it is."""
    return to_plain(html) if not re.search(r"<(?!/?(p|br)\b)", html or "") else html


def field_choices(fields: Sequence[FieldOfAction]) -> list[tuple[int, Any]]:
    return [(f.pk, Choice(f.title, str(f.edition))) for f in fields]


class _Picks:
    """Maps chosen ids back to the objects offered (anything else is not in the choices)."""

    def __init__(self, objects: Sequence[Any]) -> None:
        self.by_pk = {o.pk: o for o in objects}

    def many(self, pks: Sequence[int]) -> list[Any]:
        return [self.by_pk[pk] for pk in pks if pk in self.by_pk]

    def one(self, pk: int | None) -> Any:
        return self.by_pk.get(pk) if pk is not None else None


class BodyForm(VersionedForm):
    name = forms.CharField(label=_("Name"), max_length=200, validators=PLAIN,
                           help_text=_("z. B. „Fokusgruppe Bildung“, „Runder Tisch Vielfalt“"))
    kind = forms.ChoiceField(label=_("Art"), choices=Body.Kind.choices, initial=Body.Kind.WORKING_GROUP)
    purpose = forms.CharField(label=_("Auftrag und Zweck"), required=False, help_text=RICH_HELP,
                              widget=forms.Textarea(attrs={"rows": 5}))
    fields_of_action = forms.TypedMultipleChoiceField(
        label=_("Handlungsfelder"), coerce=int, required=False,
        widget=ChoiceList(filter_label=_("Handlungsfelder filtern")))
    active_from = forms.DateField(label=_("aktiv seit"), required=False, widget=DATE_INPUT)
    active_until = forms.DateField(label=_("aktiv bis"), required=False, widget=DATE_INPUT)
    is_public = forms.BooleanField(label=_("öffentlich (im Portal)"), required=False, initial=True)

    def __init__(self, *args: Any, fields: Sequence[FieldOfAction], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._fields = _Picks(fields)
        self.fields["fields_of_action"].choices = field_choices(fields)  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {"name": d["name"], "kind": d["kind"], "purpose": d["purpose"],
                "fields_of_action": self._fields.many(d["fields_of_action"]), "active_from": d["active_from"],
                "active_until": d["active_until"], "is_public": d["is_public"]}


def body_initial(body: Body) -> dict[str, Any]:
    return {"name": body.name, "kind": body.kind, "purpose": rich_initial(body.purpose),
            "fields_of_action": [f.pk for f in body.fields_of_action.all()], "active_from": body.active_from,
            "active_until": body.active_until, "is_public": body.is_public, "version": body.version}


class MemberForm(VersionedForm):
    user = forms.TypedChoiceField(label=_("Konto"), coerce=int, required=False, empty_value=None,
                                  help_text=_("Für Mitglieder mit Zugang zu Teilhabe (Moderation, Gremienmitglied)."))
    name = forms.CharField(label=_("Name"), max_length=200, required=False, validators=PLAIN,
                           help_text=_("Für Mitglieder ohne Konto."))
    email = forms.EmailField(label=_("E-Mail"), required=False,
                             help_text=_("Für Einladungen an Mitglieder ohne Konto."))
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int, required=False, empty_value=None)
    organisation_name = forms.CharField(label=_("Organisation / Stelle (frei)"), max_length=200, required=False,
                                        validators=PLAIN)
    function = forms.ChoiceField(label=_("Funktion"), choices=BodyMember.Function.choices,
                                 initial=BodyMember.Function.MEMBER)
    active_from = forms.DateField(label=_("seit"), required=False, widget=DATE_INPUT)
    active_until = forms.DateField(label=_("bis"), required=False, widget=DATE_INPUT,
                                   help_text=_("Eine beendete Mitgliedschaft bleibt mit ihrem Ende verzeichnet."))

    def __init__(self, *args: Any, users: Sequence[User], organisations: Sequence[Organisation],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._users = _Picks(users)
        self._organisations = _Picks(organisations)
        self.fields["user"].choices = [  # type: ignore[attr-defined]
            ("", _("– ohne Konto –")), *[(u.pk, u.get_full_name() or u.username) for u in users]]
        self.fields["organisation"].choices = [  # type: ignore[attr-defined]
            ("", _("– keine –")), *[(o.pk, o.name) for o in organisations]]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not cleaned.get("user") and not cleaned.get("name") and "name" not in self.errors:
            self.add_error("name", _("Bitte wählen Sie ein Konto oder geben Sie einen Namen an."))
        return cleaned

    def values(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {"user": self._users.one(d["user"]), "name": d["name"], "email": d["email"],
                "organisation": self._organisations.one(d["organisation"]),
                "organisation_name": d["organisation_name"], "function": d["function"],
                "active_from": d["active_from"], "active_until": d["active_until"]}


def member_initial(member: BodyMember) -> dict[str, Any]:
    return {"user": member.user_id, "name": member.name, "email": member.email,
            "organisation": member.organisation_id, "organisation_name": member.organisation_name,
            "function": member.function, "active_from": member.active_from, "active_until": member.active_until,
            "version": member.version}


class MeetingForm(VersionedForm):
    title = forms.CharField(label=_("Titel"), max_length=200, validators=PLAIN)
    kind = forms.ChoiceField(label=_("Art"), choices=Meeting.Kind.choices, initial=Meeting.Kind.WORKSHOP)
    body = forms.TypedChoiceField(label=_("Gremium"), coerce=int, required=False, empty_value=None)
    fields_of_action = forms.TypedMultipleChoiceField(
        label=_("Handlungsfelder"), coerce=int, required=False,
        widget=ChoiceList(filter_label=_("Handlungsfelder filtern")))
    starts_at = forms.DateTimeField(label=_("Beginn"), widget=DATETIME_INPUT)
    ends_at = forms.DateTimeField(label=_("Ende"), widget=DATETIME_INPUT)
    format = forms.ChoiceField(label=_("Form"), choices=Meeting.Format.choices, initial=Meeting.Format.IN_PERSON)
    place = forms.CharField(label=_("Ort / Adresse"), max_length=300, required=False, validators=PLAIN)
    online_url = forms.URLField(label=_("Online-Adresse"), required=False, assume_scheme="https",
                                validators=[validate_web_address])
    description = forms.CharField(label=_("Beschreibung"), required=False, help_text=RICH_HELP,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    agenda = forms.CharField(label=_("Tagesordnung"), required=False, help_text=RICH_HELP,
                             widget=forms.Textarea(attrs={"rows": 6}))
    is_public = forms.BooleanField(label=_("öffentlich (im Portal und im Kalender)"), required=False)

    def __init__(self, *args: Any, bodies: Sequence[Body], fields: Sequence[FieldOfAction], body_required: bool,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._bodies = _Picks(bodies)
        self._fields = _Picks(fields)
        body_field = self.fields["body"]
        body_field.choices = [  # type: ignore[attr-defined]
            *([] if body_required else [("", _("– kein Gremium –"))]), *[(b.pk, b.name) for b in bodies]]
        body_field.required = body_required
        self.fields["fields_of_action"].choices = field_choices(fields)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("format") in (Meeting.Format.IN_PERSON, Meeting.Format.HYBRID) and not cleaned.get("place") \
                and "place" not in self.errors:
            self.add_error("place", _("Bitte geben Sie einen Ort an – oder wählen Sie die Form „online“."))
        return cleaned

    def values(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {"title": d["title"], "kind": d["kind"], "body": self._bodies.one(d["body"]),
                "fields_of_action": self._fields.many(d["fields_of_action"]), "starts_at": d["starts_at"],
                "ends_at": d["ends_at"], "format": d["format"], "place": d["place"], "online_url": d["online_url"],
                "description": d["description"], "agenda": d["agenda"], "is_public": d["is_public"]}


def meeting_initial(meeting: Meeting) -> dict[str, Any]:
    from django.utils import timezone

    return {"title": meeting.title, "kind": meeting.kind, "body": meeting.body_id,
            "fields_of_action": [f.pk for f in meeting.fields_of_action.all()],
            "starts_at": timezone.localtime(meeting.starts_at), "ends_at": timezone.localtime(meeting.ends_at),
            "format": meeting.format, "place": meeting.place, "online_url": meeting.online_url,
            "description": rich_initial(meeting.description), "agenda": rich_initial(meeting.agenda),
            "is_public": meeting.is_public, "version": meeting.version}


class MeetingFilterForm(KernForm):
    """The meetings list's filters; an invalid value is ignored (and shown at its field)."""

    gremium = forms.TypedChoiceField(label=_("Gremium"), coerce=int, required=False, empty_value=None)
    art = forms.ChoiceField(label=_("Art"), required=False, choices=[("", _("alle")), *Meeting.Kind.choices])
    jahr = forms.IntegerField(label=_("Jahr"), required=False, min_value=1990, max_value=2100)

    def __init__(self, *args: Any, bodies: Sequence[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gremium"].choices = [("", _("alle")), *bodies]  # type: ignore[attr-defined]

    def valid_values(self) -> dict[str, Any]:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data.get(name) for name in self.fields if name not in self.errors}


class SessionsBulkForm(KernForm):
    titles = forms.CharField(
        label=_("Teilsitzungen (eine je Zeile)"), validators=PLAIN, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("z. B. die vier Fokusgruppen einer Runde oder die Tische eines World Cafés"))
    rounds = forms.IntegerField(label=_("Runden"), min_value=1, max_value=50, initial=1,
                                help_text=_("Jede Teilsitzung wird für jede Runde angelegt (World Café: Tische × "
                                            "Runden)."))

    def title_list(self) -> list[str]:
        return [line.strip()[:200] for line in self.cleaned_data["titles"].splitlines() if line.strip()]


class SessionForm(VersionedForm):
    title = forms.CharField(label=_("Titel"), max_length=200, validators=PLAIN)
    round = forms.IntegerField(label=_("Runde"), min_value=1, max_value=50, initial=1)
    table = forms.CharField(label=_("Tisch / Raum"), max_length=100, required=False, validators=PLAIN)
    body = forms.TypedChoiceField(label=_("Gremium"), coerce=int, required=False, empty_value=None,
                                  help_text=_("z. B. die Fokusgruppe, die hier tagt."))
    field_of_action = forms.TypedChoiceField(label=_("Handlungsfeld"), coerce=int, required=False, empty_value=None)
    moderator_name = forms.CharField(label=_("Moderation"), max_length=200, required=False, validators=PLAIN)
    results = forms.CharField(label=_("Ergebnisse"), required=False, help_text=RICH_HELP,
                              widget=forms.Textarea(attrs={"rows": 5}))
    position = forms.IntegerField(label=_("Reihenfolge"), min_value=0, max_value=10_000, initial=0)

    def __init__(self, *args: Any, bodies: Sequence[Body], fields: Sequence[FieldOfAction], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._bodies = _Picks(bodies)
        self._fields = _Picks(fields)
        self.fields["body"].choices = [("", _("– keines –")), *[(b.pk, b.name) for b in bodies]]  # type: ignore[attr-defined]
        self.fields["field_of_action"].choices = [  # type: ignore[attr-defined]
            ("", _("– keines –")), *[(f.pk, f"{f.title} ({f.edition})") for f in fields]]

    def values(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {"title": d["title"], "round": d["round"], "table": d["table"], "body": self._bodies.one(d["body"]),
                "field_of_action": self._fields.one(d["field_of_action"]), "moderator_name": d["moderator_name"],
                "results": d["results"], "position": d["position"]}


def session_initial(session: MeetingSession) -> dict[str, Any]:
    return {"title": session.title, "round": session.round, "table": session.table, "body": session.body_id,
            "field_of_action": session.field_of_action_id, "moderator_name": session.moderator_name,
            "results": rich_initial(session.results), "position": session.position, "version": session.version}


class AttendanceForm(VersionedForm):
    """Counts only. The version is 0 while nothing was recorded (keyed: the row is found by meeting and
    session)."""

    keyed = True
    total = forms.IntegerField(label=_("Teilnehmende insgesamt"), min_value=0, max_value=100_000)
    women = forms.IntegerField(label=_("Frauen"), min_value=0, max_value=100_000, initial=0, required=False)
    men = forms.IntegerField(label=_("Männer"), min_value=0, max_value=100_000, initial=0, required=False)
    diverse = forms.IntegerField(label=_("divers"), min_value=0, max_value=100_000, initial=0, required=False)
    from_administration = forms.IntegerField(label=_("aus der Verwaltung"), min_value=0, max_value=100_000,
                                             initial=0, required=False)
    from_politics = forms.IntegerField(label=_("aus der Politik"), min_value=0, max_value=100_000, initial=0,
                                       required=False)
    from_migrant_organisations = forms.IntegerField(label=_("aus Migrantenorganisationen"), min_value=0,
                                                    max_value=100_000, initial=0, required=False)
    from_associations = forms.IntegerField(label=_("aus Vereinen und Verbänden"), min_value=0, max_value=100_000,
                                           initial=0, required=False)
    from_institutions = forms.IntegerField(label=_("aus Einrichtungen (Schulen, Träger, Jobcenter)"), min_value=0,
                                           max_value=100_000, initial=0, required=False)
    citizens = forms.IntegerField(label=_("Bürger*innen"), min_value=0, max_value=100_000, initial=0, required=False)

    GROUPS = (
        (_("Insgesamt"), ("total",)),
        (_("Nach Geschlecht (freiwillig; der Rest gilt als „keine Angabe“)"), Attendance.GENDER_FIELDS),
        (_("Nach Art der Organisation (freiwillig)"), Attendance.ORGANISATION_FIELDS),
    )

    def field_groups(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [(title, [self[name] for name in names]) for title, names in self.GROUPS]

    def values(self) -> dict[str, int]:
        return {name: self.cleaned_data[name] or 0 for name in self.fields if name != "version"}


def attendance_initial(row: Attendance | None) -> dict[str, Any]:
    if row is None:
        return {"version": 0}
    return {**{name: getattr(row, name) for name in AttendanceForm.base_fields if name != "version"},
            "version": row.version}


class MinutesForm(VersionedForm):
    minutes = forms.CharField(label=pgettext_lazy("meeting minutes", "Protokoll"), required=False, help_text=RICH_HELP,
                              widget=forms.Textarea(attrs={"rows": 12}))


class DecisionForm(VersionedForm):
    text = forms.CharField(label=_("Beschluss"), validators=PLAIN, widget=forms.Textarea(attrs={"rows": 3}))
    responsible = forms.CharField(label=_("zuständig"), max_length=200, required=False, validators=PLAIN)
    due_on = forms.DateField(label=_("bis"), required=False, widget=DATE_INPUT)
    status = forms.ChoiceField(label=_("Stand"), choices=Decision.Status.choices, initial=Decision.Status.OPEN)
    position = forms.IntegerField(label=_("Reihenfolge"), min_value=0, max_value=10_000, initial=0)

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ("text", "responsible", "due_on", "status", "position")}


def decision_initial(decision: Decision) -> dict[str, Any]:
    return {"text": decision.text, "responsible": decision.responsible, "due_on": decision.due_on,
            "status": decision.status, "position": decision.position, "version": decision.version}


class ActionForm(VersionedForm):
    """A button that changes a meeting's state (cancel, held, publish the minutes) against the version shown."""
