"""The monitoring's indicators in the back office: the filterable list, defining indicators and rates, the
starter catalogue, the municipality's categories, series breaks, and the indicator page (chart, breakdown
selector, target, series breaks and the same numbers as a table).

Koordination defines indicators and targets (MANAGE_INDICATORS); the statistics office loads and corrects
data, categories and series breaks (LOAD_DATA) without touching the plan; everyone with VIEW_MONITORING
reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from teilhabe.backoffice import flow
from teilhabe.backoffice.monitoring.forms import (
    EDITABLE,
    ERROR_FIELDS,
    RATE_PARTS,
    BreakdownForm,
    CatalogueForm,
    CategoryForm,
    IndicatorFilterForm,
    IndicatorForm,
    RateForm,
    SeriesBreakForm,
)
from teilhabe.backoffice.widgets import Choice
from teilhabe.core.cleaning import check_query
from teilhabe.core.display import format_number
from teilhabe.core.tenancy import TenantRequest, requires
from teilhabe.monitoring import catalogue, charts, exchange, selectors, services
from teilhabe.monitoring.categories import STANDARD, Vocabulary, parse_breakdown_key, vocabulary
from teilhabe.monitoring.models import Category, Dimension, Indicator, Kind, Observation, SeriesBreak, Unit
from teilhabe.monitoring.periods import PeriodError, parse_period
from teilhabe.monitoring.permissions import LOAD_DATA, MANAGE_INDICATORS, VIEW_MONITORING
from teilhabe.monitoring.progress import progress_of
from teilhabe.monitoring.series import Point, series_of
from teilhabe.plans.models import Edition, FieldOfAction, Goal, Measure

PAGE_PARAM = "seite"
MAX_PAGE = 1_000_000
SUPPRESSED = "–"
FLAG_MARKS = {Observation.Flag.PROVISIONAL: "p", Observation.Flag.ESTIMATED: "e", Observation.Flag.SUPPRESSED: "s"}


def _url(request: TenantRequest, name: str, **kwargs: Any) -> str:
    return reverse(f"backoffice:{name}", kwargs={"municipality": request.municipality.slug, **kwargs})


def _indicator(pk: int) -> Indicator:
    try:
        return Indicator.objects.select_related("numerator", "denominator").get(pk=pk)
    except Indicator.DoesNotExist:
        raise Http404 from None


def _page_number(request: TenantRequest) -> int:
    value = request.GET.get(PAGE_PARAM, "")
    return min(int(value), MAX_PAGE) if value.isdigit() and int(value) > 0 else 1


def _current_fields() -> list[FieldOfAction]:
    """Fields of action of the plans' current (draft or adopted) editions."""
    return list(FieldOfAction.objects.exclude(edition__status=Edition.Status.ARCHIVED)
                .select_related("edition__plan").order_by("edition__plan__title", "position", "pk"))


# --- the list -------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class IndicatorRow:
    pk: int
    key: str
    name: str
    kind: str
    is_rate: bool
    formula: str
    unit: str
    fields: str
    values: int
    is_published: bool


def _rows(indicators: list[Indicator]) -> list[IndicatorRow]:
    kinds = dict(Kind.choices)
    rows = []
    for i in indicators:
        formula = ""
        if i.is_rate:
            per = "100" if i.unit == Unit.PERCENT else "1.000"
            formula = _("%(num)s je %(per)s %(den)s") % {
                "num": i.numerator.name, "per": per, "den": i.denominator.name}  # type: ignore[union-attr]
        rows.append(IndicatorRow(
            pk=i.pk, key=i.key, name=i.name, kind=str(kinds.get(i.kind, i.kind)), is_rate=i.is_rate,
            formula=formula, unit=i.unit_label or str(i.get_unit_display()),
            fields=", ".join(f.title for f in i.fields.all()) or "–",
            values=getattr(i, "observation_count", 0), is_published=i.is_published))
    return rows


@requires(VIEW_MONITORING)
@require_GET
def indicator_list(request: TenantRequest) -> HttpResponse:
    check_query(request)
    fields = _current_fields()
    several = len({f.edition_id for f in fields}) > 1
    form = IndicatorFilterForm(request.GET, fields=[
        (f.pk, f"{f.title} ({f.edition.plan.title})" if several else f.title) for f in fields])
    values = form.valid_values()
    published = {"ja": True, "nein": False}.get(values.get("oeffentlich") or "")
    page = selectors.indicator_page(selectors.IndicatorFilters(
        field=values.get("feld"), kind=values.get("art") or "", published=published,
        text=str(values.get("q") or "").strip()), _page_number(request))
    params = request.GET.copy()
    params.pop(PAGE_PARAM, None)
    return render(request, "backoffice/monitoring/indicator_list.html", {
        "form": form, "pager": page, "rows": _rows(page.items),
        "page_query": f"{params.urlencode()}&" if params else "",
        "filtered": any(v not in (None, "") for v in values.values()),
        "can_manage": request.actor.can(MANAGE_INDICATORS), "can_load": request.actor.can(LOAD_DATA),
        "detail_prefix": _url(request, "indicator_list"),
    })


# --- defining indicators -------------------------------------------------------------------------------------


def _links(indicator: Indicator | None) -> tuple[dict[str, list[tuple[Any, Any]]], dict[str, dict[int, Any]]]:
    """Choices for fields of action, goals and measures (the current editions, and whatever the indicator
    already hangs on), and the objects by id."""
    current = Edition.objects.exclude(status=Edition.Status.ARCHIVED)
    fields = list(FieldOfAction.objects.filter(edition__in=current).select_related("edition__plan")
                  .order_by("edition__plan__title", "position", "pk"))
    goals = _tree_order(list(Goal.objects.filter(edition__in=current).select_related("edition__plan", "field")
                             .order_by("edition__plan__title", "field__position", "position", "pk")))
    measures = list(Measure.objects.filter(edition__in=current).select_related("edition__plan", "field")
                    .order_by("edition__plan__title", "field__position", "position", "pk"))
    if indicator is not None:
        fields += [f for f in indicator.fields.select_related("edition__plan") if f not in fields]
        goals += [g for g in indicator.goals.select_related("edition__plan", "field") if g not in goals]
        measures += [m for m in indicator.measures.select_related("edition__plan", "field") if m not in measures]

    def grouped(objects: list[Any], label: Any) -> list[tuple[Any, Any]]:
        groups: dict[str, list[tuple[int, Any]]] = {}
        for obj in objects:
            name = f"{obj.edition.plan.title} – {obj.edition.name}"
            groups.setdefault(name, []).append((obj.pk, label(obj)))
        return list(groups.items())

    choices = {
        "fields_of_action": grouped(fields, lambda f: f.title),
        "goals": grouped(goals, lambda g: Choice(g.title, "", getattr(g, "depth", 0))),
        "measures": grouped(measures, lambda m: f"{m.reference} {m.title}".strip()),
    }
    objects = {"fields_of_action": {f.pk: f for f in fields}, "goals": {g.pk: g for g in goals},
               "measures": {m.pk: m for m in measures}}
    return choices, objects


def _tree_order(goals: list[Goal]) -> list[Goal]:
    """Goals depth first (each under its parent), with `depth` set for the choice list's indentation."""
    children: dict[int | None, list[Goal]] = {}
    ids = {g.pk for g in goals}
    for g in goals:
        children.setdefault(g.parent_id if g.parent_id in ids else None, []).append(g)
    ordered: list[Goal] = []

    def walk(parent: int | None, depth: int) -> None:
        for g in children.get(parent, []):
            g.depth = depth  # type: ignore[attr-defined]
            ordered.append(g)
            walk(g.pk, depth + 1)

    walk(None, 0)
    return ordered


def _key_taken(key: str, exclude: int | None = None) -> None:
    qs = Indicator.objects.filter(key=key)
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    if qs.exists():
        raise ValidationError({"key": _("Die Kennung „%(key)s“ ist bereits vergeben.") % {"key": key}})


def _counts() -> tuple[list[Indicator], dict[int, Indicator]]:
    counts = selectors.count_indicators()
    return counts, {i.pk: i for i in counts}


@requires(MANAGE_INDICATORS)
def indicator_create(request: TenantRequest) -> HttpResponse:
    choices, objects = _links(None)
    form = IndicatorForm(request.POST or None, rate=False, links=choices, with_version=False,
                         initial={"weight": 1, "kind": Kind.MONITORING})

    def create() -> Indicator:
        _key_taken(form.cleaned_data["key"])
        return services.create_indicator(actor=request.actor, municipality=request.municipality,
                                         values=form.values(objects))

    done = flow.submit(request, form, create,
        success=lambda i: _("Der Indikator „%(name)s“ wurde angelegt.") % {"name": i.name},
        error_fields=ERROR_FIELDS,
        next_url=lambda i: _url(request, "indicator_detail", pk=i.pk))
    return done or render(request, "backoffice/monitoring/indicator_form.html", {
        "form": form, "title": _("Indikator anlegen"), "cancel_url": _url(request, "indicator_list")})


@requires(MANAGE_INDICATORS)
def rate_create(request: TenantRequest) -> HttpResponse:
    counts, by_pk = _counts()
    form = RateForm(request.POST or None, counts=counts, initial={"per": 100})
    done = flow.submit(request, form, lambda: _define_rate(request, form, by_pk),
                       success=lambda i: _("Die Quote „%(name)s“ wurde festgelegt.") % {"name": i.name},
                       next_url=lambda i: _url(request, "indicator_detail", pk=i.pk))
    return done or render(request, "backoffice/monitoring/rate_form.html", {
        "form": form, "has_counts": len(counts) >= 2, "cancel_url": _url(request, "indicator_list")})


def _define_rate(request: TenantRequest, form: RateForm, by_pk: dict[int, Indicator]) -> Indicator:
    data = form.cleaned_data
    _key_taken(data["key"])
    return services.define_rate(
        actor=request.actor, municipality=request.municipality, key=data["key"], name=data["name"],
        numerator=by_pk[data["numerator"]], denominator=by_pk[data["denominator"]], per=data["per"],
        extra={"definition": data["definition"]})


@requires(MANAGE_INDICATORS)
def indicator_edit(request: TenantRequest, pk: int) -> HttpResponse:
    indicator = _indicator(pk)
    choices, objects = _links(indicator)
    counts, by_pk = _counts() if indicator.is_rate else ([], {})
    objects["counts"] = by_pk
    initial = flow.initial(indicator, *[n for n in EDITABLE if n not in ("fields", "goals", "measures")],
                           fields_of_action=list(indicator.fields.values_list("pk", flat=True)),
                           goals=list(indicator.goals.values_list("pk", flat=True)),
                           measures=list(indicator.measures.values_list("pk", flat=True)))
    if indicator.is_rate:
        initial |= {"numerator": indicator.numerator_id, "denominator": indicator.denominator_id}
    form = IndicatorForm(request.POST or None, rate=indicator.is_rate, counts=counts, links=choices,
                         initial=initial)

    def update() -> Indicator:
        _key_taken(form.cleaned_data["key"], exclude=indicator.pk)
        return services.update_indicator(actor=request.actor, indicator=indicator,
                                         expected_version=flow.expected_version(form), values=form.values(objects))

    done = flow.submit(request, form, update,
        success=lambda i: _("Der Indikator „%(name)s“ wurde gespeichert.") % {"name": i.name},
        error_fields=ERROR_FIELDS,
        next_url=_url(request, "indicator_detail", pk=indicator.pk), gone_url=_url(request, "indicator_list"))
    return done or render(request, "backoffice/monitoring/indicator_form.html", {
        "form": form, "indicator": indicator, "title": _("Indikator bearbeiten"),
        "cancel_url": _url(request, "indicator_detail", pk=indicator.pk), "rate_parts": RATE_PARTS})


@requires(MANAGE_INDICATORS)
def indicator_delete(request: TenantRequest, pk: int) -> HttpResponse:
    indicator = _indicator(pk)
    values = indicator.observations.count()
    return flow.confirm_delete(
        request, version=indicator.version,
        delete=partial(services.delete_indicator, actor=request.actor, indicator=indicator),
        success=_("Der Indikator „%(name)s“ wurde gelöscht.") % {"name": indicator.name},
        done_url=_url(request, "indicator_list"), context={
            "heading": _("Indikator löschen: %(name)s") % {"name": indicator.name},
            "question": _("Soll der Indikator „%(name)s“ gelöscht werden?") % {"name": indicator.name},
            "consequence": ngettext("Sein %(n)d Messwert wird mit gelöscht; das Protokoll behält den Vorgang.",
                                    "Seine %(n)d Messwerte werden mit gelöscht; das Protokoll behält den Vorgang.",
                                    values) % {"n": values} if values else "",
            "cancel_url": _url(request, "indicator_detail", pk=indicator.pk)})


# --- the starter catalogue ----------------------------------------------------------------------------------


@dataclass
class CatalogueRow:
    entry: catalogue.Entry
    adopted: Indicator | None
    parts: list[str] = field(default_factory=list)


@requires(MANAGE_INDICATORS)
def indicator_catalogue(request: TenantRequest) -> HttpResponse:
    adopted = catalogue.adopted_keys()
    own = {i.key: i for i in Indicator.objects.filter(key__in=list(catalogue.BY_KEY))}
    form = CatalogueForm(request.POST or None, keys=list(catalogue.BY_KEY))
    done = flow.submit(request, form, lambda: catalogue.adopt_catalogue(
        request.actor, request.municipality, form.cleaned_data["entries"]),
        success=_adopted_message, next_url=_url(request, "indicator_catalogue"))
    if done is not None:
        return done
    chosen = set(form["entries"].value() or [])
    rows = [CatalogueRow(entry=e, adopted=adopted.get(e.key) or own.get(e.key),
                         parts=[catalogue.BY_KEY[p].name for p in e.parts]) for e in catalogue.ENTRIES]
    themes: dict[str, list[CatalogueRow]] = {}
    for r in rows:
        if r.entry.is_rate:
            themes.setdefault(r.entry.theme, []).append(r)
    counts = [r for r in rows if not r.entry.is_rate]
    return render(request, "backoffice/monitoring/indicator_catalogue.html", {
        "form": form, "themes": list(themes.items()), "counts": counts, "chosen": chosen,
        "units": dict(Unit.choices), "dimension_labels": dict(Dimension.choices),
    })


def _adopted_message(result: catalogue.Adoption) -> str:
    created = len(result.created)
    if not created:
        return _("Alle gewählten Einträge waren bereits übernommen; es wurde nichts geändert.")
    return ngettext("%(n)d Indikator wurde aus dem Startkatalog übernommen: %(names)s.",
                    "%(n)d Indikatoren wurden aus dem Startkatalog übernommen: %(names)s.",
                    created) % {"n": created, "names": ", ".join(i.name for i in result.created)}


# --- categories --------------------------------------------------------------------------------------------


@requires(VIEW_MONITORING)
@require_GET
def category_list(request: TenantRequest) -> HttpResponse:
    own = list(selectors.categories())
    labels = dict(Dimension.choices)
    standard = [(labels[d], defs) for d, defs in STANDARD.items() if defs]
    return render(request, "backoffice/monitoring/category_list.html", {
        "categories": own, "standard": standard, "can_load": request.actor.can(LOAD_DATA),
        "can_manage": request.actor.can(MANAGE_INDICATORS)})


def _category(pk: int) -> Category:
    try:
        return Category.objects.get(pk=pk)
    except Category.DoesNotExist:
        raise Http404 from None


def _category_taken(form: CategoryForm, exclude: int | None = None) -> None:
    qs = Category.objects.filter(dimension=form.cleaned_data["dimension"], code=form.cleaned_data["code"])
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    if qs.exists():
        raise ValidationError({"code": _("Diesen Code gibt es für diese Aufgliederung schon.")})


@requires(LOAD_DATA)
def category_create(request: TenantRequest) -> HttpResponse:
    form = CategoryForm(request.POST or None, with_version=False, initial={"dimension": Dimension.AGE})

    def create() -> Category:
        _category_taken(form)
        return services.create_category(actor=request.actor, municipality=request.municipality,
                                        **{k: form.cleaned_data[k] for k in ("dimension", "code", "label", "aliases")})

    done = flow.submit(request, form, create,
                       success=lambda c: _("Die Kategorie „%(label)s“ wurde angelegt.") % {"label": c.label},
                       next_url=_url(request, "category_list"))
    return done or render(request, "backoffice/monitoring/category_form.html", {
        "form": form, "title": _("Kategorie anlegen"), "cancel_url": _url(request, "category_list")})


@requires(LOAD_DATA)
def category_edit(request: TenantRequest, pk: int) -> HttpResponse:
    category = _category(pk)
    form = CategoryForm(request.POST or None, initial=flow.initial(
        category, "dimension", "code", "label", aliases="\n".join(category.aliases or [])))

    def update() -> Category:
        _category_taken(form, exclude=category.pk)
        return services.update_category(
            actor=request.actor, category=category, expected_version=flow.expected_version(form),
            values={k: form.cleaned_data[k] for k in ("dimension", "code", "label", "aliases")})

    done = flow.submit(request, form, update,
                       success=lambda c: _("Die Kategorie „%(label)s“ wurde gespeichert.") % {"label": c.label},
                       next_url=_url(request, "category_list"))
    return done or render(request, "backoffice/monitoring/category_form.html", {
        "form": form, "category": category, "title": _("Kategorie bearbeiten"),
        "cancel_url": _url(request, "category_list"),
        "hint": _("Gespeicherte Messwerte verweisen auf den Code: ändern Sie ihn nur, solange es keine gibt.")})


@requires(LOAD_DATA)
def category_delete(request: TenantRequest, pk: int) -> HttpResponse:
    category = _category(pk)
    return flow.confirm_delete(
        request, version=category.version,
        delete=partial(services.delete_category, actor=request.actor, category=category),
        success=_("Die Kategorie „%(label)s“ wurde gelöscht.") % {"label": category.label},
        done_url=_url(request, "category_list"), context={
            "heading": _("Kategorie löschen: %(label)s") % {"label": category.label},
            "question": _("Soll die Kategorie „%(label)s“ (%(dimension)s) gelöscht werden?") % {
                "label": category.label, "dimension": category.get_dimension_display()},
            "cancel_url": _url(request, "category_list")})


# --- series breaks -----------------------------------------------------------------------------------------


@requires(LOAD_DATA)
def indicator_break_add(request: TenantRequest, pk: int) -> HttpResponse:
    indicator = _indicator(pk)
    form = SeriesBreakForm(request.POST or None)

    def add() -> SeriesBreak:
        try:
            period = parse_period(form.cleaned_data["period"])[0]
        except PeriodError:
            period = ""
        if period and SeriesBreak.objects.filter(indicator=indicator, period=period).exists():
            raise ValidationError({"period": _("Für %(period)s ist bereits ein Zeitreihenbruch vermerkt.")
                                   % {"period": period}})
        return services.add_series_break(actor=request.actor, indicator=indicator,
                                         period=form.cleaned_data["period"], note=form.cleaned_data["note"])

    done = flow.submit(request, form, add,
                       success=lambda b: _("Der Zeitreihenbruch ab %(period)s wurde vermerkt.") % {"period": b.period},
                       next_url=_url(request, "indicator_detail", pk=indicator.pk) + "#zeitreihenbrueche")
    return done or render(request, "backoffice/monitoring/seriesbreak_form.html", {
        "form": form, "indicator": indicator, "cancel_url": _url(request, "indicator_detail", pk=indicator.pk)})


@requires(LOAD_DATA)
def seriesbreak_delete(request: TenantRequest, pk: int) -> HttpResponse:
    try:
        series_break = SeriesBreak.objects.select_related("indicator").get(pk=pk)
    except SeriesBreak.DoesNotExist:
        raise Http404 from None
    back = _url(request, "indicator_detail", pk=series_break.indicator_id) + "#zeitreihenbrueche"
    return flow.confirm_delete(
        request, version=series_break.version,
        delete=partial(services.delete_series_break, actor=request.actor, series_break=series_break),
        success=_("Der Zeitreihenbruch ab %(period)s wurde entfernt.") % {"period": series_break.period},
        done_url=back, context={
            "heading": _("Zeitreihenbruch entfernen"),
            "question": _("Soll der Zeitreihenbruch ab %(period)s („%(note)s“) bei „%(name)s“ entfernt werden?") % {
                "period": series_break.period, "note": series_break.note, "name": series_break.indicator.name},
            "cancel_url": back})


# --- the indicator page --------------------------------------------------------------------------------------


@dataclass
class Cell:
    text: str
    flag: str = ""  # "p", "e", "s"


@dataclass
class TableRow:
    period: str
    cells: list[Cell]
    has_break: bool = False


def _format(indicator: Indicator, point: Point | None) -> Cell:
    if point is None:
        return Cell("")
    if point.value is None or point.flag == Observation.Flag.SUPPRESSED:
        return Cell(SUPPRESSED, "s")
    places = 1 if indicator.is_rate else None
    return Cell(format_number(point.value, places), FLAG_MARKS.get(point.flag, ""))  # type: ignore[call-overload]


def _table(indicator: Indicator, lines: dict[str, list[Point]], chosen: dict[str, str], vocab: Vocabulary,
           dimension: str, breaks: set[str]) -> tuple[list[str], list[TableRow]]:
    headers = [str(charts.TOTAL_LABEL) if key == "" else vocab.label_of(dimension, code)
               for key, code in chosen.items()]
    by_key = {key: {p.period: p for p in lines.get(key, [])} for key in chosen}
    periods = sorted({p for points in by_key.values() for p in points})
    rows = [TableRow(period=period, cells=[_format(indicator, by_key[key].get(period)) for key in chosen],
                     has_break=period in breaks) for period in periods]
    return headers, rows


def _latest_vintages(points: list[Point]) -> list[str]:
    """The "Stand" of the newest period shown (older periods had their own)."""
    dated = [p for p in points if p.vintage]
    if not dated:
        return []
    newest = max(p.period for p in dated)
    return sorted({p.vintage for p in dated if p.period == newest})


def _import_url(request: TenantRequest, indicator: Indicator) -> str:
    return _url(request, "indicator_import", pk=indicator.pk)


@requires(VIEW_MONITORING)
def indicator_detail(request: TenantRequest, pk: int) -> HttpResponse:
    indicator = _indicator(pk)  # a foreign id is 404 whatever the method
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    check_query(request)
    series = series_of(indicator)
    present = {d for key in series.lines for d in parse_breakdown_key(key)}
    dimensions = [d for d in Dimension.values if d in present and any(
        list(parse_breakdown_key(k)) == [d] for k in series.lines)]
    form = BreakdownForm(request.GET if "nach" in request.GET else None, dimensions=dimensions)
    dimension = form.chosen()
    vocab = vocabulary()
    breaks = list(selectors.series_breaks(indicator))
    spec = charts.indicator_spec(series, dimension=dimension or None, vocabulary=vocab, breaks=breaks)
    chosen = charts.lines_for(series, dimension or None)
    headers, rows = _table(indicator, series.lines, chosen, vocab, dimension, {b.period for b in breaks})
    flags = {cell.flag for row in rows for cell in row.cells if cell.flag}
    shown = [p for key in chosen for p in series.lines.get(key, [])]
    progress = progress_of(indicator, series.total)
    warnings = list(selectors.batches_with_warnings(indicator)[:20])
    labels = dict(Dimension.choices)
    return render(request, "backoffice/monitoring/indicator_detail.html", {
        "indicator": indicator, "form": form, "dimension": dimension, "dimension_label": labels.get(dimension, ""),
        "chart_spec": spec, "headers": headers, "rows": rows, "flags": flags,
        "flag_labels": {"p": _("vorläufig"), "e": _("geschätzt"),
                        "s": _("geheim gehalten oder nicht ausreichend sicher")},
        "sources": sorted({p.source for p in shown if p.source}) or ([indicator.source] if indicator.source else []),
        "vintages": _latest_vintages(shown),
        "latest_text": format_number(progress.latest.value) if progress.latest and progress.latest.value is not None
        else "",
        "progress": progress, "breaks": breaks, "warnings": warnings,
        "dimension_names": [labels.get(d, d) for d in indicator.dimensions or []],
        "unit": indicator.unit_label or indicator.get_unit_display(),
        "can_manage": request.actor.can(MANAGE_INDICATORS), "can_load": request.actor.can(LOAD_DATA),
        "import_url": _import_url(request, indicator) if not indicator.is_rate else "",
        "target_text": format_number(indicator.target_value) if indicator.target_value is not None else "",
        "baseline_text": format_number(indicator.baseline_value) if indicator.baseline_value is not None else "",
        "achieved_percent": round(progress.achieved * 100) if progress.achieved is not None else None,
        "expected_percent": round(progress.expected * 100) if progress.expected is not None else None,
        "break_form": SeriesBreakForm() if request.actor.can(LOAD_DATA) else None,
    })


@requires(VIEW_MONITORING)
def indicator_csv(request: TenantRequest, pk: int) -> HttpResponse:
    indicator = _indicator(pk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    response = HttpResponse(exchange.tidy_csv(indicator), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{indicator.key}.csv"'
    return response

