"""The plan in the search index: the fields of action and measures of every adopted edition (the plans in
force) — what the public plan pages show, nothing internal (no notes on responsibility, costs, funding,
gender notes or Sachstand). Registered as sources in PlansConfig.ready(); the services call the hooks below
right after their write, inside their transaction. Drafts and archived editions are never indexed."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from teilhabe.core.models import Municipality
from teilhabe.plans.models import Edition, FieldOfAction, Goal, Measure
from teilhabe.search import registry, services
from teilhabe.search.registry import Document
from teilhabe.search.text import join

KIND_FIELD = "plan_field"
KIND_MEASURE = "plan_measure"
LANGUAGE = "de"  # the plan is written in German


def _slug(municipality: Municipality) -> str:
    return municipality.slug


def field_documents(municipality: Municipality, ids: Sequence[int] | None = None) -> list[Document]:
    """Fields of the adopted editions with their goals' titles: two queries."""
    fields = FieldOfAction.objects.of(municipality).filter(edition__status=Edition.Status.ADOPTED).select_related(
        "edition__plan").order_by("pk")
    if ids is not None:
        fields = fields.filter(pk__in=ids)
    fields_list = list(fields)
    goals: dict[int, list[str]] = {}
    for field_id, title in Goal.objects.of(municipality).filter(field__in=fields_list).order_by(
            "position", "pk").values_list("field_id", "title"):
        goals.setdefault(field_id, []).append(title)
    slug = _slug(municipality)
    return [
        Document(kind=KIND_FIELD, object_id=f.pk, language=LANGUAGE, title=f.title,
                 body=join(f.description, *goals.get(f.pk, []), f.edition.plan.title),
                 url=reverse("portal:plan_field", kwargs={"municipality": slug, "pk": f.pk}),
                 date=f.edition.adopted_on)
        for f in fields_list
    ]


def measure_documents(municipality: Municipality, ids: Sequence[int] | None = None) -> list[Document]:
    """Measures of the adopted editions with what their public page shows: a fixed number of queries."""
    measures = (
        Measure.objects.of(municipality).filter(edition__status=Edition.Status.ADOPTED)
        .select_related("field", "status", "lead_org_unit", "lead_organisation")
        .prefetch_related("co_lead_org_units", "co_lead_organisations", "partner_org_units",
                          "partner_organisations", "target_groups", "goals")
        .defer("responsibility_note", "cost_estimate", "funding", "gender_diversity_note", "progress")
        .order_by("pk")
    )
    if ids is not None:
        measures = measures.filter(pk__in=ids)
    slug = _slug(municipality)
    docs = []
    for m in measures:
        partners = [p.name for p in (*m.partner_org_units.all(), *m.partner_organisations.all())]
        docs.append(Document(
            kind=KIND_MEASURE, object_id=m.pk, language=LANGUAGE, title=m.title,
            body=join(m.reference, m.description, m.field.title, *(g.title for g in m.goals.all()), m.status.label,
                      m.lead_names, *partners, *(t.name for t in m.target_groups.all()),
                      *(str(i) for i in m.indicators or [])),
            url=reverse("portal:plan_measure", kwargs={"municipality": slug, "pk": m.pk}),
            date=m.start_date,
        ))
    return docs


def register() -> None:
    registry.register(KIND_MEASURE, _("Maßnahmen"), measure_documents, position=30)
    registry.register(KIND_FIELD, _("Handlungsfelder"), field_documents, position=31)


# --- hooks the plan's services call right after their write ----------------------------------------------


def measures_changed(edition: Edition, ids: Iterable[int]) -> None:
    """Measures of `edition` were created, changed or deleted: the index follows when the edition is in force."""
    if edition.status != Edition.Status.ADOPTED:
        return
    wanted = sorted(set(ids))
    municipality = edition.municipality
    docs = measure_documents(municipality, wanted)
    services.remove_objects(municipality=municipality, kind=KIND_MEASURE,
                            object_ids=sorted(set(wanted) - {d.object_id for d in docs}))
    services.index_documents(municipality=municipality, documents=docs)


def fields_changed(edition: Edition, ids: Iterable[int]) -> None:
    """Fields of `edition` (or their goals) were created, changed or deleted."""
    if edition.status != Edition.Status.ADOPTED:
        return
    wanted = sorted(set(ids))
    municipality = edition.municipality
    docs = field_documents(municipality, wanted)
    services.remove_objects(municipality=municipality, kind=KIND_FIELD,
                            object_ids=sorted(set(wanted) - {d.object_id for d in docs}))
    services.index_documents(municipality=municipality, documents=docs)


def editions_changed(municipality: Municipality) -> None:
    """An edition was adopted or archived: the plan in force is indexed anew."""
    services.reindex_municipality(municipality=municipality, kinds=[KIND_FIELD, KIND_MEASURE])
