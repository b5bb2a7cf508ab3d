"""Measures: the filterable list, the measure page with its history, and create / edit / delete."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teilhabe.backoffice import flow
from teilhabe.backoffice.core.audit import entry_views
from teilhabe.backoffice.plans.forms.plan import (
    MEASURE_ERROR_FIELDS,
    NEW_ENTRY_FIELD,
    NEW_NAME_MAX,
    NEW_TARGET_GROUP,
    MeasureFilterForm,
    MeasureForm,
    MeasureOptions,
    NewEntryForm,
)
from teilhabe.backoffice.plans.tree import edition_context, edition_from_request, url_with_edition
from teilhabe.core import services as core_services
from teilhabe.core.cleaning import check_query
from teilhabe.core.display import format_date
from teilhabe.core.errors import ServiceError
from teilhabe.core.permissions import MANAGE_STRUCTURE, VIEW
from teilhabe.core.tenancy import Actor, TenantRequest, requires
from teilhabe.monitoring.dashboard import indicators_of_measure
from teilhabe.monitoring.permissions import VIEW_MONITORING
from teilhabe.plans import rules, selectors, services
from teilhabe.plans.models import Edition, Measure
from teilhabe.plans.permissions import EDIT_MEASURE, EDIT_PLAN
from teilhabe.plans.selectors import MeasureFilters
from teilhabe.reporting import selectors as reporting_selectors
from teilhabe.reporting.permissions import MANAGE_ROUNDS

SORT_PARAM = "sortierung"
PAGE_PARAM = "seite"
MAX_PAGE = 1_000_000
COLUMNS = [
    ("reference", gettext_lazy("Nr.")),
    ("title", gettext_lazy("Titel")),
    ("field", gettext_lazy("Handlungsfeld")),
    ("status", gettext_lazy("Status")),
    ("lead", gettext_lazy("Federführung")),
    ("start", gettext_lazy("Beginn")),
    ("end", gettext_lazy("Ende")),
]


@dataclass
class Column:
    key: str
    label: str
    url: str
    sort: str  # "ascending", "descending" or "" (for aria-sort)


def _columns(request: TenantRequest, ordering: str) -> list[Column]:
    """Header links: a click sorts by the column, a second click reverses it. Filters are kept."""
    base = request.GET.copy()
    base.pop(PAGE_PARAM, None)
    current = ordering.lstrip("-") if ordering.lstrip("-") in selectors.SORT_KEYS else selectors.DEFAULT_ORDERING
    descending = ordering.startswith("-") and current == ordering.lstrip("-")
    columns = []
    for key, label in COLUMNS:
        params = base.copy()
        params[SORT_PARAM] = f"-{key}" if key == current and not descending else key
        sort = ("descending" if descending else "ascending") if key == current else ""
        columns.append(Column(key=key, label=str(label), url=f"?{params.urlencode()}", sort=sort))
    return columns


@dataclass(slots=True)
class ListRow:
    """One table row, prepared in Python: formatting in the template costs more than the query."""

    pk: int
    reference: str
    title: str
    is_key_project: bool
    field: str
    status: str
    status_normalised: str
    lead: str
    start: str
    end: str


def _rows(measures: list[Measure]) -> list[ListRow]:
    ongoing = _("laufend")
    return [
        ListRow(
            pk=m.pk, reference=m.reference, title=m.title, is_key_project=m.is_key_project, field=m.field.title,
            status=m.status.label, status_normalised=m.status.normalised, lead=m.lead_names or "–",
            start=format_date(m.start_date) if m.start_date else "–",
            end=format_date(m.end_date) if m.end_date else ongoing,
        )
        for m in measures
    ]


def _page_number(request: TenantRequest) -> int:
    value = request.GET.get(PAGE_PARAM, "")
    return min(int(value), MAX_PAGE) if value.isdigit() and int(value) > 0 else 1


@requires(VIEW)
def measure_list(request: TenantRequest) -> HttpResponse:
    check_query(request)  # a control character in a filter (e.g. ?q=a%00b) is a 400, not a database error
    edition, editions = edition_from_request(request)
    context: dict[str, Any] = edition_context(request, edition, editions)
    if edition is None:
        return render(request, "backoffice/measures/list.html", context)
    choices, outline = selectors.list_choices(edition)
    form = MeasureFilterForm(request.GET, outline=outline, org_units=choices.org_units,
                             organisations=choices.organisations, statuses=choices.statuses)
    values = form.valid_values()
    filters = MeasureFilters(
        field=values.get("field"), goal=values.get("goal"), lead=values.get("lead") or "", with_partners=True,
        status=values.get("status"), key_project=values.get("key"), text=values.get("q") or "",
    )
    ordering = request.GET.get(SORT_PARAM, selectors.DEFAULT_ORDERING)
    page = selectors.measure_list(edition, filters, ordering, _page_number(request), outline=outline)
    page_params = request.GET.copy()
    page_params.pop(PAGE_PARAM, None)
    context.update({
        "form": form, "page": page, "pager": page, "measures": page.items, "rows": _rows(page.items),
        "columns": _columns(request, ordering),
        "page_query": f"{page_params.urlencode()}&" if page_params else "",
        "filtered": any(v not in (None, "") for v in values.values()),
        "can_create": request.actor.can(EDIT_PLAN) and edition.status != Edition.Status.ARCHIVED,
        "edition_query": f"?{urlencode({'ausgabe': edition.pk})}",
        # measure pages are …/massnahmen/<id>/ (urls_plan.py): one reverse instead of fifty
        "measure_prefix": reverse("backoffice:measure_list", kwargs={"municipality": request.municipality.slug}),
    })
    return render(request, "backoffice/measures/list.html", context)


@requires(VIEW)
def measure_detail(request: TenantRequest, pk: int) -> HttpResponse:
    try:
        detail = selectors.measure_detail(request.municipality, pk, request.actor)
    except Measure.DoesNotExist:  # also a measure of a draft not open for comment to this person
        raise Http404 from None
    measure = detail.measure
    actor = request.actor
    open_edition = measure.edition.status != Edition.Status.ARCHIVED
    return render(request, "backoffice/measures/detail.html", {
        "measure": measure, "goals": detail.goals, "history": entry_views(detail.history),
        "rounds": _measure_rounds(actor, measure),
        "can_edit": rules.may_edit_measures_in(actor, measure.edition) and actor.can(EDIT_MEASURE, measure),
        "can_delete": open_edition and actor.can(EDIT_PLAN),
        "edition": measure.edition,
        "success_indicators": indicators_of_measure(measure) if actor.can(VIEW_MONITORING) else None,
    })


def _measure_rounds(actor: Actor, measure: Measure) -> list[reporting_selectors.MeasureRound]:
    """The measure in every reporting round: what was accepted (along its lineage), and for Koordination the
    state of its report in a round still open. Three queries, whatever the number of rounds."""
    rows = {r.round_id: r for r in reporting_selectors.measure_rounds(measure, accepted_only=True)}
    if actor.can(MANAGE_ROUNDS):
        rows.update({r.round_id: r for r in reporting_selectors.measure_open_rounds(measure)})
    return sorted(rows.values(), key=lambda r: (r.period_end, r.round_id))


def _detail_url(request: TenantRequest, measure: Measure) -> str:
    return reverse("backoffice:measure_detail", kwargs={"municipality": request.municipality.slug,
                                                         "pk": measure.pk})


# --- creating a missing target group or organisation from the measure form ------------------------------------

CREATE_PARAM = "anlegen"  # the name of the "Anlegen und auswählen" buttons; their value says what to create


def may_create(actor: Actor) -> dict[str, bool]:
    """Which "Neu anlegen" controls the measure form shows: whoever may create the entry through its service."""
    return {"may_create_target_groups": actor.can(EDIT_PLAN), "may_create_organisations": actor.can(MANAGE_STRUCTURE)}


def _same_name(name: str, entries: Any) -> Any:
    """The entry whose name is the same but for case ("Geflüchtete" = "GEFLÜCHTETE"), or None."""
    folded = name.casefold()
    return next((entry for entry in entries if entry.name.casefold() == folded), None)


def _create_entry(request: TenantRequest, action: str, name: str, options: MeasureOptions) -> tuple[str, str]:
    """Create the target group or organisation named `name`, or find the one that has that name already;
    return the value to check in the list and what to tell the user. Raises ValidationError/ServiceError."""
    actor, municipality = request.actor, request.municipality
    if action == NEW_TARGET_GROUP:
        group = _same_name(name, options.target_groups.values())
        if group is not None:
            return str(group.pk), _("Die Zielgruppe „%(name)s“ gibt es bereits; sie ist jetzt ausgewählt.") % {
                "name": group.name}
        group = services.get_or_create_target_group(actor=actor, municipality=municipality, name=name)
        return str(group.pk), _("Die Zielgruppe „%(name)s“ wurde angelegt und ausgewählt.") % {"name": group.name}
    unit = _same_name(name, options.org_units.values())
    if unit is not None:
        return f"u{unit.pk}", _("„%(name)s“ gibt es bereits als Verwaltungseinheit; sie ist jetzt ausgewählt.") % {
            "name": unit.name}
    organisation = _same_name(name, options.organisations.values())
    if organisation is not None:
        return f"o{organisation.pk}", _("Die Organisation „%(name)s“ gibt es bereits; sie ist jetzt ausgewählt.") % {
            "name": organisation.name}
    organisation = core_services.create_organisation(actor=actor, municipality=municipality, name=name)
    return f"o{organisation.pk}", _("Die Organisation „%(name)s“ wurde angelegt und ausgewählt.") % {
        "name": organisation.name}


def form_with_new_entry(request: TenantRequest, *, edition: Edition, **form_kwargs: Any) -> MeasureForm | None:
    """The measure form again after "Neue Zielgruppe / Organisation anlegen": the entry is created (or the one
    of that name chosen) and checked, everything else kept as the user typed it; the measure is not saved.
    None when the request is no such request. With htmx the page swaps only the list (hx-select)."""
    action = request.POST.get(CREATE_PARAM)
    if request.method != "POST" or action is None:
        return None
    if action not in NEW_ENTRY_FIELD:
        raise BadRequest("unknown entry kind")
    options = form_kwargs.pop("options")
    posted = MeasureForm(request.POST, options=options, initial=form_kwargs.pop("initial", None), **form_kwargs)
    field_name = NEW_ENTRY_FIELD[action]
    control = posted.choice_list(field_name).create
    if control is None or posted.fields[field_name].disabled:
        raise PermissionDenied
    # What the user typed, as the fields would read it; fields the user may not change keep their value.
    values = {name: posted[name].initial if field.disabled else posted[name].data
              for name, field in posted.fields.items()}
    entry = NewEntryForm({"name": request.POST.get(control.input_name, "")}, max_length=NEW_NAME_MAX[action])
    error = message = created = ""
    if not entry.is_valid():
        error = str(entry.errors["name"][0])
    else:
        try:
            created, message = _create_entry(request, action, entry.cleaned_data["name"], options)
        except ValidationError as exc:
            error = exc.messages[0]
        except ServiceError as exc:
            error = exc.message
    if created:
        chosen = [str(v) for v in values.get(field_name) or []]
        values[field_name] = chosen if created in chosen else [*chosen, created]
        options = MeasureOptions.load(request.municipality, edition)
    form = MeasureForm(initial=values, options=options, **form_kwargs)
    new_control = form.choice_list(field_name).create
    assert new_control is not None
    new_control.name = "" if created else request.POST.get(control.input_name, "")
    new_control.error, new_control.message, new_control.created = error, message, created
    return form


@requires(EDIT_PLAN)
def measure_create(request: TenantRequest) -> HttpResponse:
    edition, _editions = edition_from_request(request)
    if edition is None:
        messages.info(request, _("Legen Sie zuerst einen Plan an."))
        return HttpResponseRedirect(url_with_edition("backoffice:plan_create", request, None))
    options = MeasureOptions.load(request.municipality, edition)
    initial: dict[str, Any] = {"status": options.default_status()}
    field_param, goal_param = request.GET.get("handlungsfeld", ""), request.GET.get("ziel", "")
    if goal_param.isdigit() and int(goal_param) in options.goals:
        goal = options.goals[int(goal_param)]
        initial.update(goals=[goal.pk], field=goal.field_id)
    elif field_param.isdigit() and int(field_param) in options.fields:
        initial["field"] = int(field_param)
    form_kwargs: dict[str, Any] = {"options": options, "with_version": False, **may_create(request.actor)}
    form = form_with_new_entry(request, edition=edition, **form_kwargs)
    page = {"heading": _("Maßnahme anlegen"), "edition": edition,
            "cancel_url": url_with_edition("backoffice:measure_list", request, edition)}
    if form is not None:
        return render(request, "backoffice/measures/form.html", {"form": form, **page})
    form = MeasureForm(request.POST or None, initial=initial, **form_kwargs)
    done = flow.submit(request, form, lambda: services.create_measure(
        actor=request.actor, edition=edition, values=form.service_values()),
        success=lambda measure: _("Die Maßnahme „%(title)s“ wurde angelegt.") % {"title": measure.title},
        next_url=lambda measure: _detail_url(request, measure), error_fields=MEASURE_ERROR_FIELDS)
    return done or render(request, "backoffice/measures/form.html", {"form": form, **page})


@requires(EDIT_MEASURE)
def measure_edit(request: TenantRequest, pk: int) -> HttpResponse:
    """Fachstelle edits only measures it leads or partners in, and not who is responsible for them."""
    municipality = request.municipality
    actor = request.actor
    measure = get_object_or_404(selectors.measures_of(municipality), pk=pk)
    if not rules.can_see_edition(actor, measure.edition):
        raise Http404
    if not actor.can(EDIT_MEASURE, measure) or not rules.may_edit_measures_in(actor, measure.edition):
        raise PermissionDenied
    options = MeasureOptions.load(municipality, measure.edition)
    locked = not actor.can(EDIT_PLAN)
    # Fields a Fachstelle may not change are disabled: they show (and keep) the measure's current values.
    form_kwargs: dict[str, Any] = {"options": options, "responsibility_locked": locked, **may_create(actor)}
    page = {"heading": _("Maßnahme bearbeiten"), "measure": measure, "edition": measure.edition,
            "cancel_url": _detail_url(request, measure), "locked": locked}
    form = form_with_new_entry(request, edition=measure.edition, initial=MeasureForm.initial_for(measure),
                               **form_kwargs)
    if form is not None:
        return render(request, "backoffice/measures/form.html", {"form": form, **page})
    form = MeasureForm(request.POST or None, initial=MeasureForm.initial_for(measure), **form_kwargs)
    done = flow.submit(request, form, lambda: services.update_measure(
        actor=actor, measure=measure, expected_version=flow.expected_version(form), values=form.service_values()),
        success=_("Die Maßnahme wurde gespeichert."), next_url=_detail_url(request, measure),
        gone_url=url_with_edition("backoffice:measure_list", request, measure.edition),
        error_fields=MEASURE_ERROR_FIELDS)
    return done or render(request, "backoffice/measures/form.html", {"form": form, **page})


@requires(EDIT_PLAN)
def measure_delete(request: TenantRequest, pk: int) -> HttpResponse:
    measure = get_object_or_404(selectors.measures_of(request.municipality), pk=pk)
    return flow.confirm_delete(
        request, version=measure.version,
        delete=partial(services.delete_measure, actor=request.actor, measure=measure),
        success=_("Die Maßnahme „%(title)s“ wurde gelöscht.") % {"title": measure.title},
        done_url=url_with_edition("backoffice:measure_list", request, measure.edition),
        context={
            "heading": _("Maßnahme löschen"),
            "question": _("Wollen Sie die Maßnahme „%(title)s“ löschen?") % {"title": measure.title},
            "consequence": _("Ihr Verlauf bleibt im Protokoll erhalten."),
            "cancel_url": _detail_url(request, measure),
        },
    )
