"""The plan's benchmarks: the tree page and the measure list of a municipality with 10,000 measures
(50 fields × 20 goals × 10 measures), against a trivial page measured in the same run."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bench.run import Figures, Harness

FIELDS = 50
GOALS_PER_FIELD = 20  # 4 Leitziele with 4 Teilziele each
MEASURES_PER_GOAL = 10


@dataclass
class PlanData:
    slug: str
    edition_id: int
    user: Any
    measures: int


def build_municipality(slug: str, name: str, ags: str) -> tuple[Any, Any]:
    """A municipality with a Koordination user (through the services; bulk data comes later)."""
    from teilhabe.core.models import Membership, User
    from teilhabe.core.roles import Role
    from teilhabe.core.services import create_municipality
    from teilhabe.core.tenancy import municipality_scope

    municipality = create_municipality(actor=None, name=name, slug=slug, ags=ags)
    user = User.objects.create_user(username=f"bench-{slug}", password=None)
    with municipality_scope(municipality):
        Membership.objects.create(municipality=municipality, user=user, role=Role.KOORDINATION)
    return municipality, user


def build_plan(fields: int = FIELDS, goals_per_field: int = GOALS_PER_FIELD,
               measures_per_goal: int = MEASURES_PER_GOAL, slug: str = "bench-10k") -> PlanData:
    """A synthetic plan, bulk-inserted (this builder is not a user write path)."""
    from teilhabe.core.models import Organisation, OrgUnit
    from teilhabe.core.tenancy import actor_for, municipality_scope
    from teilhabe.plans import services
    from teilhabe.plans.models import FieldOfAction, Goal, Measure, StatusOption

    municipality, user = build_municipality(slug, "Benchstadt", "08221000")
    with municipality_scope(municipality):  # the builder enters the scope like a command would
        actor = actor_for(user, municipality)
        plan = services.create_plan(actor=actor, municipality=municipality, title="Kommunaler Integrationsplan")
        edition = plan.editions.get()
        statuses = list(StatusOption.objects.of(municipality))
        units = OrgUnit.objects.bulk_create(
            OrgUnit(municipality=municipality, name=f"Amt {i:02d}") for i in range(30)
        )
        orgs = Organisation.objects.bulk_create(
            Organisation(municipality=municipality, name=f"Verein {i:02d}", kind=Organisation.Kind.ASSOCIATION)
            for i in range(20)
        )
        field_objs = FieldOfAction.objects.bulk_create(
            FieldOfAction(municipality=municipality, edition=edition, title=f"Handlungsfeld {f + 1}",
                          description=f"Beschreibung des Handlungsfelds {f + 1}", position=f + 1)
            for f in range(fields)
        )
        top_per_field = max(1, goals_per_field // 5)
        tops = Goal.objects.bulk_create(
            Goal(municipality=municipality, edition=edition, field=field, title=f"Leitziel {f + 1}.{t + 1}",
                 position=t + 1)
            for f, field in enumerate(field_objs) for t in range(top_per_field)
        )
        subs_per_top = max(0, goals_per_field - top_per_field) // top_per_field
        subs = Goal.objects.bulk_create(
            Goal(municipality=municipality, edition=edition, field_id=top.field_id, parent=top,
                 title=f"{top.title.replace('Leitziel', 'Teilziel')}.{s + 1}", position=s + 1)
            for top in tops for s in range(subs_per_top)
        )
        goals = tops + subs
        start = dt.date(2025, 1, 1)
        measures = Measure.objects.bulk_create(
            Measure(
                municipality=municipality, edition=edition, field_id=goal.field_id,
                reference=f"{g + 1}.{m + 1}", title=f"Maßnahme {g + 1}.{m + 1} zur Sprachförderung",
                description="Beschreibung der Maßnahme mit einigen Sätzen Text. " * 3,
                status=statuses[(g + m) % len(statuses)],
                lead_org_unit=units[(g + m) % len(units)] if m % 3 else None,
                lead_organisation=orgs[(g + m) % len(orgs)] if not m % 3 else None,
                start_date=start + dt.timedelta(days=(g * 7 + m) % 700),
                is_key_project=(m == 0), position=m + 1,
            )
            for g, goal in enumerate(goals) for m in range(measures_per_goal)
        )
        through = Measure.goals.through
        through.objects.bulk_create(
            through(measure_id=measure.pk, goal_id=goals[i // measures_per_goal].pk)
            for i, measure in enumerate(measures)
        )
        return PlanData(slug=slug, edition_id=edition.pk, user=user, measures=len(measures))


def _plan(harness: Harness) -> PlanData:
    data: PlanData = harness.once("plan_10k", build_plan)
    return data


def _baseline(harness: Harness) -> float:
    """A trivial page: the back office start page of a municipality without a plan."""

    def measure() -> float:
        from django.urls import reverse

        _municipality, user = build_municipality("bench-leer", "Leerstadt", "08221000")
        url = reverse("backoffice:dashboard", kwargs={"municipality": "bench-leer"})
        ms, _queries = harness.measure_get(harness.client_for(user), url)
        return ms, harness.last_cpu_ms

    value: tuple[float, float] = harness.once("baseline_ms", measure)
    return value[0]


def bench_baseline(harness: Harness) -> Figures:
    ms = _baseline(harness)
    return {"baseline_empty_page_ms": ms, "baseline_empty_page_cpu_ms": harness.cache["baseline_ms"][1]}


def bench_plan_tree(harness: Harness) -> Figures:
    from django.urls import reverse

    data = _plan(harness)
    url = reverse("backoffice:tree", kwargs={"municipality": data.slug})
    ms, queries = harness.measure_get(harness.client_for(data.user), url)
    cpu = harness.last_cpu_ms  # before the baseline, which measures a page of its own
    baseline = _baseline(harness)
    return {"plan_tree_10k_ms": ms, "plan_tree_10k_cpu_ms": cpu, "plan_tree_10k_queries": queries,
            "plan_tree_10k_vs_baseline": round(ms / baseline, 1) if baseline else 0}


def bench_measure_list(harness: Harness) -> Figures:
    """The list as it opens (first page, default order), and a deep page sorted by title."""
    from django.urls import reverse

    data = _plan(harness)
    client = harness.client_for(data.user)
    base = reverse("backoffice:measure_list", kwargs={"municipality": data.slug})
    ms, queries = harness.measure_get(client, base)
    cpu = harness.last_cpu_ms
    deep_page = f"{base}?ausgabe={data.edition_id}&sortierung=title&seite=3"
    sorted_ms, sorted_queries = harness.measure_get(client, deep_page)
    baseline = _baseline(harness)
    return {"measure_list_ms": ms, "measure_list_cpu_ms": cpu, "measure_list_queries": queries,
            "measure_list_vs_baseline": round(ms / baseline, 1) if baseline else 0,
            "measure_list_sorted_p3_ms": sorted_ms, "measure_list_sorted_p3_queries": sorted_queries}


def bench_import_update(harness: Harness) -> Figures:
    """The Excel round trip for updates on 1,000 measures: export, change every status in the sheet, preview
    (per-field changes, a fixed number of queries), then apply (update_measure per measure, one transaction)."""
    import io
    import time

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from openpyxl import load_workbook

    from teilhabe.core.models import Municipality
    from teilhabe.core.tenancy import actor_for, municipality_scope
    from teilhabe.plans.exchange import services as exchange
    from teilhabe.plans.models import Edition, StatusOption

    data: PlanData = harness.once("plan_1k", lambda: build_plan(fields=5, slug="bench-1k"))
    municipality = Municipality.objects.get(slug=data.slug)
    with municipality_scope(municipality):
        actor = actor_for(data.user, municipality)
        edition = Edition.objects.select_related("plan").get(pk=data.edition_id)
        started = time.perf_counter()
        exported = exchange.export_plan(edition)
        export_ms = (time.perf_counter() - started) * 1000
        labels = list(StatusOption.objects.of(municipality).values_list("label", flat=True))
        workbook = load_workbook(io.BytesIO(exported))
        ws = workbook["Maßnahmen"]
        status_col = [c.value for c in ws[1]].index("Status")
        for row in ws.iter_rows(min_row=2):
            row[status_col].value = labels[(labels.index(row[status_col].value) + 1) % len(labels)]
        buffer = io.BytesIO()
        workbook.save(buffer)
        draft = exchange.read_file(buffer.getvalue(), "bench.xlsx")
        target = exchange.resolve_target(municipality=municipality, edition=None, plan_title="", draft=draft)
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as preview_queries:
            preview = exchange.preview_import(actor=actor, municipality=municipality, draft=draft, target=target)
        preview_ms = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as apply_queries:
            result = exchange.import_plan(actor=actor, municipality=municipality, draft=draft, target=target,
                                          expected_fingerprint=preview.fingerprint())
        apply_ms = (time.perf_counter() - started) * 1000
    return {"import_update_1k_measures": result.update_count, "import_update_1k_export_ms": round(export_ms, 1),
            "import_update_1k_preview_ms": round(preview_ms, 1),
            "import_update_1k_preview_queries": len(preview_queries.captured_queries),
            "import_update_1k_apply_ms": round(apply_ms, 1),
            "import_update_1k_apply_queries": len(apply_queries.captured_queries)}
def bench_measure_form(harness: Harness) -> Figures:
    """The measure form of the 10k plan as it opens: 1,000 goals, 30 org units and 20 organisations to
    choose from (goals, partners and target groups as checkbox lists)."""
    from django.urls import reverse

    data = _plan(harness)
    url = reverse("backoffice:measure_create", kwargs={"municipality": data.slug}) + f"?ausgabe={data.edition_id}"
    ms, queries = harness.measure_get(harness.client_for(data.user), url)
    return {"measure_form_1k_goals_ms": ms, "measure_form_1k_goals_cpu_ms": harness.last_cpu_ms,
            "measure_form_1k_goals_queries": queries}


BENCHMARKS = {
    "baseline": bench_baseline,
    "plan_tree": bench_plan_tree,
    "measure_list": bench_measure_list,
    "import_update": bench_import_update,
    "measure_form": bench_measure_form,
}
