"""The audit log of a municipality (filtered by who, what and when), and how recorded changes are shown to
people: the labels and values come from `teilhabe.core.display`, the one display layer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db import models
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teilhabe.core import display
from teilhabe.core.display import ChangeRow, model_for
from teilhabe.core.forms import KernForm
from teilhabe.core.models import AuditEntry, Municipality
from teilhabe.core.paging import Page
from teilhabe.core.permissions import VIEW
from teilhabe.core.tenancy import TenantRequest, requires
from teilhabe.plans import selectors

AUDIT_PAGE_SIZE = 50
PAGE_PARAM = "seite"
SYSTEM = "system"
DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"]

__all__ = ["AuditFilterForm", "ChangeRow", "EntryView", "audit_log", "change_rows", "entry_views", "model_for"]


def field_label(model: type[models.Model] | None, name: str) -> str:
    return display.field_label(model, name)


def change_rows(changes: dict[str, Any], model: type[models.Model] | str | None) -> list[ChangeRow]:
    return display.change_rows(model, changes)


@dataclass
class EntryView:
    entry: AuditEntry
    type_label: str
    rows: list[ChangeRow]

    @property
    def who(self) -> str:
        return display.author(self.entry)

    @property
    def at(self) -> Any:
        return self.entry.at


def entry_views(entries: list[AuditEntry]) -> list[EntryView]:
    return [
        EntryView(entry=entry, type_label=display.type_label(entry.object_type),
                  rows=display.change_rows(entry.object_type, entry.changes))
        for entry in entries
    ]


class AuditFilterForm(KernForm):
    """The audit log's filters (GET): who, what (kind of object, action), when. Unknown values are ignored."""

    person = forms.ChoiceField(label=gettext_lazy("Wer"), required=False)
    object_type = forms.ChoiceField(label=gettext_lazy("Art des Eintrags"), required=False)
    action = forms.ChoiceField(label=gettext_lazy("Aktion"), required=False)
    date_from = forms.DateField(label=gettext_lazy("von (Datum)"), required=False, input_formats=DATE_FORMATS,
                                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    date_to = forms.DateField(label=gettext_lazy("bis (Datum)"), required=False, input_formats=DATE_FORMATS,
                              widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        every = _("alle")
        entries = AuditEntry.objects.of(municipality)
        people = get_user_model().objects.filter(
            pk__in=entries.exclude(actor_id=None).values("actor_id")
        ).order_by("last_name", "first_name", "username")
        person_choices = [(str(u.pk), u.get_full_name() or u.get_username()) for u in people]
        person_choices.sort(key=lambda c: c[1].casefold())
        self.fields["person"].choices = [("", every), (SYSTEM, _("System")), *person_choices]  # type: ignore[attr-defined]
        types = set(entries.order_by().values_list("object_type", flat=True).distinct())
        type_choices = sorted(((t, display.type_label(t)) for t in types), key=lambda c: c[1].casefold())
        self.fields["object_type"].choices = [("", every), *type_choices]  # type: ignore[attr-defined]
        self.fields["action"].choices = [("", every), *AuditEntry.Action.choices]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("Das Enddatum liegt vor dem Anfangsdatum."))
            self.bad_range = True
        return data

    bad_range = False

    def valid_values(self) -> dict[str, Any]:
        """The filters that are valid; an invalid one is ignored (and shown as an error next to it), an
        inverted date range as a whole."""
        self.is_valid()
        values = {name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors}
        if self.bad_range:
            values.pop("date_from", None)
        return values


def filtered_entries(entries: QuerySet[AuditEntry], values: dict[str, Any]) -> QuerySet[AuditEntry]:
    person = values.get("person")
    if person == SYSTEM:
        entries = entries.filter(actor_id=None)
    elif person:
        entries = entries.filter(actor_id=int(person))
    if values.get("object_type"):
        entries = entries.filter(object_type=values["object_type"])
    if values.get("action"):
        entries = entries.filter(action=values["action"])
    start: dt.date | None = values.get("date_from")
    end: dt.date | None = values.get("date_to")
    if start:
        entries = entries.filter(at__date__gte=start)
    if end:
        entries = entries.filter(at__date__lte=end)
    return entries


@requires(VIEW)
def audit_log(request: TenantRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET, municipality=request.municipality)
    values = form.valid_values()
    entries = filtered_entries(selectors.audit_entries(request.municipality), values)
    paginator = Paginator(entries, AUDIT_PAGE_SIZE)
    page = paginator.get_page(request.GET.get(PAGE_PARAM))
    pager = Page[object](items=[], number=page.number, num_pages=paginator.num_pages,
                                  total=paginator.count, per_page=AUDIT_PAGE_SIZE)
    page_params = request.GET.copy()
    page_params.pop(PAGE_PARAM, None)
    return render(request, "backoffice/audit/log.html", {
        "form": form, "page": page, "pager": pager,
        "page_query": f"{page_params.urlencode()}&" if page_params else "",
        "filtered": any(v not in (None, "") for v in values.values()),
        "entries": entry_views(list(page.object_list)),
    })
