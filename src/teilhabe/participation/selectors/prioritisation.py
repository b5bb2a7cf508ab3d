"""Reads of prioritisation: lists, one prioritisation with its proposals, and its result — one aggregated query
over the ballots (SUM of points; for a ranking the Borda count n − rank + 1) or the tally of the dots."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, IntegerField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from teilhabe.participation.models import Ballot, BallotChoice, Body, Meeting, Prioritisation, Proposal, Tally


def prioritisations(municipality_id: int) -> QuerySet[Prioritisation]:
    """All of a municipality's prioritisations with their body and meeting and the number of proposals and
    ballots (for the back office list and the API)."""
    return (Prioritisation.objects.filter(municipality_id=municipality_id)
            .select_related("body", "meeting", "municipality")
            .annotate(proposal_count=Count("proposals", distinct=True),
                      ballot_count=Count("ballots", distinct=True)))


def prioritisations_for(municipality_id: int, user_id: int | None, *, all_bodies: bool) -> QuerySet[Prioritisation]:
    """Those a person sees in the back office: all (`all_bodies`), or those of the bodies they are a member of
    (Moderation, Gremienmitglied)."""
    qs = prioritisations(municipality_id)
    if all_bodies:
        return qs
    return qs.filter(Q(body__members__user_id=user_id) | Q(meeting__body__members__user_id=user_id)).distinct()


def public_prioritisations(municipality_id: int) -> QuerySet[Prioritisation]:
    """What the public sees: public ballots that are open or closed, and every published result."""
    return prioritisations(municipality_id).filter(
        Q(result_published_at__isnull=False)
        | Q(audience=Prioritisation.Audience.PUBLIC, state__in=[Prioritisation.State.OPEN,
                                                                Prioritisation.State.CLOSED])
        & ~Q(method=Prioritisation.Method.DOTS))


def proposals_of(prioritisation: Prioritisation) -> list[Proposal]:
    return list(prioritisation.proposals.select_related("field_of_action").order_by("title", "pk"))


@dataclass
class ResultRow:
    proposal: Proposal
    score: int
    voters: int  # people who gave it points or a rank (dots: not known)
    place: int = 0
    tied: bool = False


@dataclass
class Result:
    method: str
    rows: list[ResultRow]
    ballots: int  # online ballots, or participants of the dot voting
    explanation: str
    max_score: int = 0
    ties: list[list[ResultRow]] = field(default_factory=list)


def explain(prioritisation: Prioritisation, n: int) -> str:
    points = prioritisation.points_per_person
    limit = prioritisation.max_points_per_proposal
    if prioritisation.method == Prioritisation.Method.RANKING:
        return _("Rangfolge: Jede Person hat die Vorschläge nach Wichtigkeit geordnet (Rang 1 ist der wichtigste). "
                 "Bei %(n)s Vorschlägen bekommt ein Vorschlag auf Rang 1 %(n)s Punkte, auf Rang 2 einen Punkt "
                 "weniger und so weiter; Vorschläge ohne Rang bekommen keinen Punkt (Borda-Zählung). Die Punkte "
                 "aller Stimmzettel werden addiert.") % {"n": n}
    per = (ngettext(" – höchstens %(m)s Punkt je Vorschlag", " – höchstens %(m)s Punkte je Vorschlag", limit)
           % {"m": limit}) if limit else ""
    if prioritisation.method == Prioritisation.Method.DOTS:
        return _("Punktabfrage in der Sitzung: Jede teilnehmende Person hatte %(points)s Punkte%(per)s und hat sie "
                 "auf die Vorschläge geklebt. Die Moderation hat die Punkte je Vorschlag gezählt.") % {
            "points": points, "per": per}
    return _("Punkte verteilen: Jede Person hatte %(points)s Punkte%(per)s und hat sie online auf die Vorschläge "
             "verteilt, mit einem Stimmzettel je Person. Die Punkte aller Stimmzettel werden addiert.") % {
        "points": points, "per": per}


def result(prioritisation: Prioritisation) -> Result:
    """The result in three queries whatever the number of ballots: the proposals, the aggregate, the ballot
    count. Ties share a place (1, 1, 3 …) and are marked."""
    proposals = proposals_of(prioritisation)
    n = len(proposals)
    if prioritisation.method == Prioritisation.Method.DOTS:
        scores = {row["proposal_id"]: (row["dots"], 0) for row in
                  Tally.objects.filter(prioritisation=prioritisation).values("proposal_id", "dots")}
        ballots = prioritisation.participants or 0
    else:
        if prioritisation.method == Prioritisation.Method.RANKING:
            score = Sum(Value(n + 1, output_field=IntegerField()) - Coalesce("rank", Value(n + 1)),
                        output_field=IntegerField())
        else:
            score = Sum("points")
        scores = {row["proposal_id"]: (row["score"] or 0, row["voters"]) for row in (
            BallotChoice.objects.filter(prioritisation=prioritisation)
            .values("proposal_id").order_by("proposal_id").annotate(score=score, voters=Count("id")))}
        ballots = Ballot.objects.filter(prioritisation=prioritisation).count()
    rows = [ResultRow(proposal=p, score=scores.get(p.pk, (0, 0))[0], voters=scores.get(p.pk, (0, 0))[1])
            for p in proposals]
    rows.sort(key=lambda r: (-r.score, r.proposal.title, r.proposal.pk))
    ties: list[list[ResultRow]] = []
    for index, row in enumerate(rows):
        if index and rows[index - 1].score == row.score:
            row.place = rows[index - 1].place
            row.tied = rows[index - 1].tied = True
            ties[-1].append(row)
        else:
            row.place = index + 1
            ties.append([row])
    return Result(method=prioritisation.method, rows=rows, ballots=ballots, explanation=explain(prioritisation, n),
                  max_score=max((r.score for r in rows), default=0), ties=[t for t in ties if len(t) > 1])


def form_choices(municipality_id: int, user_id: int | None, *, all_bodies: bool
                 ) -> tuple[list[Body], list[Meeting], list[Proposal]]:
    """What the set-up form offers: bodies and meetings (a moderator: of their bodies) and the published
    proposals of the municipality."""
    bodies = Body.objects.filter(municipality_id=municipality_id)
    meetings = Meeting.objects.filter(municipality_id=municipality_id)
    if not all_bodies:
        bodies = bodies.filter(members__user_id=user_id)
        meetings = meetings.filter(body__members__user_id=user_id)
    proposals = Proposal.objects.filter(municipality_id=municipality_id, moderation=Proposal.Moderation.PUBLISHED)
    return (list(bodies.distinct().order_by("name")), list(meetings.distinct().order_by("-starts_at")[:500]),
            list(proposals.order_by("title", "pk")))


def chart_spec(result: Result) -> dict[str, Any]:
    """The result as a horizontal bar chart (Vega-Lite), in the order of the table."""
    label = _("Punkte") if result.method != Prioritisation.Method.RANKING else _("Borda-Punkte")
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "description": _("Ergebnis der Priorisierung: %(label)s je Vorschlag") % {"label": label},
        "width": "container", "height": max(120, 28 * len(result.rows)),
        "autosize": {"type": "fit", "contains": "padding"},
        "data": {"values": [{"Vorschlag": r.proposal.title[:80], label: r.score, "Platz": r.place}
                            for r in result.rows]},
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "y": {"field": "Vorschlag", "type": "nominal", "sort": None, "axis": {"title": None, "labelLimit": 180}},
            "x": {"field": label, "type": "quantitative", "axis": {"title": label, "tickMinStep": 1}},
        },
    }
