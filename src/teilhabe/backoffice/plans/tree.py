"""The plan as a tree (fields → goals → measures), reordering, and helpers the other plan views share."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape as html_escape
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from teilhabe.core.errors import ServiceError
from teilhabe.core.permissions import VIEW
from teilhabe.core.tenancy import TenantRequest, requires
from teilhabe.plans import selectors, services
from teilhabe.plans.models import Edition, FieldOfAction, Goal, Measure, NormalisedStatus
from teilhabe.plans.permissions import DOWNLOAD_DOCUMENTS, EDIT_PLAN
from teilhabe.plans.selectors import PlanTree, TreeField, TreeGoal, TreeMeasure

EDITION_PARAM = "ausgabe"
FOCUS_RE = re.compile(r"^([fgm])-(\d{1,18})$")
MOVE_RE = re.compile(r"^([fgm])-(\d{1,18})-(up|down)$")
OPEN_ALL_UP_TO = 150  # small plans open fully; large ones start collapsed
NORMALISED = frozenset(NormalisedStatus.values)


# --- helpers shared by the plan views ------------------------------------------------------------------


def edition_from_request(request: TenantRequest) -> tuple[Edition | None, list[Edition]]:
    """The edition the page is about — ?ausgabe=<id>, else the one the rule opens for this person
    (plans.selectors.edition_shown: the adopted edition; Koordination's draft) — and the editions the person
    may switch to. An id of another municipality, or of a draft not open for comment to the person, is a 404."""
    editions = selectors.visible_editions_of(request.actor, request.municipality)
    try:
        edition = selectors.edition_shown(
            request.actor, request.municipality, request.GET.get(EDITION_PARAM), editions=editions
        )
    except Edition.DoesNotExist:
        raise Http404 from None
    return edition, editions


def edition_context(request: TenantRequest, edition: Edition | None, editions: list[Edition]) -> dict[str, Any]:
    """What a page showing an edition gives its template: the edition, the editions of the switch and, when
    there is none to show, whether a plan exists whose edition this person may not see yet."""
    return {
        "edition": edition, "editions": editions,
        "awaiting_adoption": edition is None and selectors.has_plans(request.municipality),
    }


def url_with_edition(name: str, request: TenantRequest, edition: Edition | None, **kwargs: Any) -> str:
    url = reverse(name, kwargs={"municipality": request.municipality.slug, **kwargs})
    return f"{url}?{urlencode({EDITION_PARAM: edition.pk})}" if edition is not None else url


def is_htmx(request: TenantRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


# --- the tree -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TreeLinks:
    """Paths built once and completed with ids while rendering: reversing 10,000 URLs costs too much."""

    measure_prefix: str  # …/intern/massnahmen/
    plan_prefix: str  # …/intern/plan/
    edition_query: str  # ?ausgabe=<id>


class TreeRenderer:
    """Renders the plan tree to HTML in Python. The same markup as a template would give, but a Django
    template needs seconds for 10,000 measures; this needs a few dozen milliseconds. All text is escaped."""

    def __init__(self, *, links: TreeLinks, can_edit: bool, open_ids: set[str], open_all: bool) -> None:
        self.links = links
        self.can_edit = can_edit
        self.open_ids = open_ids
        self.open_all = open_all
        self.out: list[str] = []
        self.anchored: set[int] = set()  # a measure under several goals carries its id (the anchor) once
        self._escaped: dict[str, str] = {}
        self.t_up, self.t_down = html_escape(_("nach oben")), html_escape(_("nach unten"))
        self.t_key = html_escape(_("Schlüsselprojekt"))
        self.t_lead = html_escape(_("Federführung"))
        self.t_edit, self.t_delete = html_escape(_("Bearbeiten")), html_escape(_("Löschen"))
        self.t_add_goal, self.t_add_sub = html_escape(_("Ziel hinzufügen")), html_escape(_("Unterziel hinzufügen"))
        self.t_add_measure = html_escape(_("Maßnahme hinzufügen"))
        self.t_actions, self.t_actions_for = html_escape(_("Aktionen")), html_escape(_("Aktionen für %(title)s"))

    def esc(self, text: str) -> str:
        """Escape, remembering repeated texts (status words, lead names, level names)."""
        value = self._escaped.get(text)
        if value is None:
            value = self._escaped[text] = html_escape(text)
        return value

    def render(self, tree: PlanTree) -> SafeString:
        if not tree.fields:
            return mark_safe(  # fixed, translated text, escaped
                f'<p class="kern-body">{html_escape(_("Dieser Plan hat noch keine Handlungsfelder."))}</p>'
            )
        last = len(tree.fields) - 1
        for i, f in enumerate(tree.fields):
            self.field(f, first=i == 0, last=i == last)
        return mark_safe("".join(self.out))  # every text above went through html_escape()

    def actions_open(self, title: str) -> str:
        """The start of a node's actions menu: a disclosure ("Aktionen für <title>") whose list of links the
        caller writes and closes with </ul></details>. Works without JavaScript; plan.js closes it with Escape
        (focus back on the button) and when another menu opens or the user clicks elsewhere."""
        label = self.t_actions_for % {"title": title}
        return (f' <details class="tree-actions"><summary class="tree-actions__toggle" aria-label="{label}">'
                f'{self.t_actions}</summary><ul class="tree-actions__list">')

    def move_buttons(self, kind: str, pk: int, title: str, first: bool = False, last: bool = False) -> str:
        up_disabled = " disabled" if first else ""
        down_disabled = " disabled" if last else ""
        return (
            f'<span class="tree-move"><button name="bewegen" value="{kind}-{pk}-up"'
            f' aria-label="{title} {self.t_up}"{up_disabled}>↑</button><button'
            f' name="bewegen" value="{kind}-{pk}-down" aria-label="{title} {self.t_down}"{down_disabled}>↓</button>'
            f"</span>"
        )

    def measures(self, items: list[TreeMeasure]) -> None:
        """The hot loop (once per measure): plain string formatting, repeated texts escaped once."""
        if not items:
            return
        w = self.out.append
        prefix = self.links.measure_prefix
        anchored = self.anchored
        esc = self.esc
        can_edit = self.can_edit
        t_up, t_down = self.t_up, self.t_down
        key_badge = f' <span class="key-badge">{self.t_key}</span>'
        lead_open = f' <span class="tree-lead"><span class="kern-sr-only">{self.t_lead}: </span>'
        w('<ul class="tree-measures">')
        for m in items:
            mid = m.id
            if mid in anchored:
                anchor = ""
            else:
                anchored.add(mid)
                anchor = f' id="m-{mid}"'
            title = html_escape(m.title)
            status = m.status_normalised if m.status_normalised in NORMALISED else "planned"
            w(f'<li{anchor}><a class="kern-link" href="{prefix}{mid}/">'
              f'{html_escape(m.reference) + " " if m.reference else ""}{title}</a>'
              f' <span class="status-badge status-badge--{status}">{esc(m.status_label)}</span>'
              f'{key_badge if m.is_key_project else ""}'
              f'{lead_open + esc(m.lead) + "</span>" if m.lead else ""}')
            if can_edit:
                w(f' <span class="tree-move"><button name="bewegen" value="m-{mid}-up" aria-label="{title} {t_up}">↑'
                  f'</button><button name="bewegen" value="m-{mid}-down" aria-label="{title} {t_down}">↓</button>'
                  f"</span>")
            w("</li>")
        w("</ul>")

    def goal(self, g: TreeGoal, first: bool, last: bool) -> None:
        w = self.out.append
        title = html_escape(g.title)
        is_open = " open" if self.open_all or f"g-{g.id}" in self.open_ids else ""
        w(f'<details class="tree-goal tree-depth-{g.depth}" id="g-{g.id}"{is_open}><summary>'
          f'<span class="tree-level">{self.esc(g.level_name)}</span> {title}</summary>')
        if self.can_edit:
            plan = self.links.plan_prefix
            w(f'<div class="tree-tools">{self.move_buttons("g", g.id, title, first, last)}'
              f"{self.actions_open(title)}"
              f'<li><a class="kern-link" href="{plan}ziele/{g.id}/bearbeiten/">{self.t_edit}</a></li>'
              f'<li><a class="kern-link" href="{plan}ziele/neu/?handlungsfeld={g.field_id}&amp;uebergeordnet={g.id}">'
              f"{self.t_add_sub}</a></li>"
              f'<li><a class="kern-link" href="{self.links.measure_prefix}neu/{self.links.edition_query}'
              f'&amp;ziel={g.id}">{self.t_add_measure}</a></li>'
              f'<li><a class="kern-link" href="{plan}ziele/{g.id}/loeschen/">{self.t_delete}</a></li>'
              f"</ul></details></div>")
        self.measures(g.measures)
        last_child = len(g.children) - 1
        for i, child in enumerate(g.children):
            self.goal(child, i == 0, i == last_child)
        w("</details>")

    def field(self, f: TreeField, first: bool, last: bool) -> None:
        w = self.out.append
        title = html_escape(f.title)
        is_open = " open" if self.open_all or f"f-{f.id}" in self.open_ids else ""
        count = html_escape(ngettext("%(n)s Maßnahme", "%(n)s Maßnahmen", f.measure_count) % {"n": f.measure_count})
        w(f'<details class="tree-field" id="f-{f.id}"{is_open}><summary><span class="tree-field__title">{title}</span>'
          f' <span class="tree-count">({count})</span></summary>')
        if f.description:
            w(f'<p class="tree-description">{html_escape(f.description)}</p>')
        if self.can_edit:
            plan = self.links.plan_prefix
            w(f'<div class="tree-tools">{self.move_buttons("f", f.id, title, first, last)}'
              f"{self.actions_open(title)}"
              f'<li><a class="kern-link" href="{plan}handlungsfelder/{f.id}/bearbeiten/">{self.t_edit}</a></li>'
              f'<li><a class="kern-link" href="{plan}ziele/neu/?handlungsfeld={f.id}">{self.t_add_goal}</a></li>'
              f'<li><a class="kern-link" href="{self.links.measure_prefix}neu/{self.links.edition_query}'
              f'&amp;handlungsfeld={f.id}">{self.t_add_measure}</a></li>'
              f'<li><a class="kern-link" href="{plan}handlungsfelder/{f.id}/loeschen/">{self.t_delete}</a></li>'
              f"</ul></details></div>")
        self.measures(f.measures)
        last_goal = len(f.goals) - 1
        for i, g in enumerate(f.goals):
            self.goal(g, i == 0, i == last_goal)
        w("</details>")


def open_path(tree: PlanTree, focus: str) -> set[str]:
    """The DOM ids of the <details> to open so that the item `focus` ("g-12", "m-7") is visible."""
    match = FOCUS_RE.match(focus or "")
    if not match:
        return set()
    kind, pk = match.group(1), int(match.group(2))
    parents: dict[int, TreeGoal] = {}
    fields_of_goal: dict[int, TreeField] = {}
    measure_places: dict[int, list[str]] = {}

    def walk(f: TreeField, nodes: list[TreeGoal]) -> None:
        for g in nodes:
            fields_of_goal[g.id] = f
            for m in g.measures:
                measure_places.setdefault(m.id, []).append(f"g-{g.id}")
            for child in g.children:
                parents[child.id] = g
            walk(f, g.children)

    for f in tree.fields:
        for m in f.measures:
            measure_places.setdefault(m.id, []).append(f"f-{f.id}")
        walk(f, f.goals)

    def goal_path(goal_id: int) -> set[str]:
        ids = {f"g-{goal_id}"}
        field = fields_of_goal.get(goal_id)
        if field is not None:
            ids.add(f"f-{field.id}")
        node = parents.get(goal_id)
        while node is not None:
            ids.add(f"g-{node.id}")
            node = parents.get(node.id)
        return ids

    if kind == "f":
        return {f"f-{pk}"}
    if kind == "g":
        return goal_path(pk)
    result: set[str] = set()
    for place in measure_places.get(pk, []):
        result |= goal_path(int(place[2:])) if place.startswith("g-") else {place}
    return result


def tree_context(request: TenantRequest, edition: Edition, focus: str = "") -> dict[str, Any]:
    tree = selectors.plan_tree(edition)
    actor = request.actor
    slug = request.municipality.slug
    query = f"?{urlencode({EDITION_PARAM: edition.pk})}"
    can_edit = actor.can(EDIT_PLAN) and edition.status != Edition.Status.ARCHIVED
    links = TreeLinks(
        measure_prefix=reverse("backoffice:measure_list", kwargs={"municipality": slug}),
        plan_prefix=reverse("backoffice:tree", kwargs={"municipality": slug}),
        edition_query=query,
    )
    renderer = TreeRenderer(links=links, can_edit=can_edit, open_ids=open_path(tree, focus),
                            open_all=tree.measure_count <= OPEN_ALL_UP_TO)
    return {
        "tree": tree,
        "edition": edition,
        "plan": edition.plan,
        "tree_html": renderer.render(tree),
        "can_edit": can_edit,
        "move_url": reverse("backoffice:move", kwargs={"municipality": slug}) + query,
        "edition_query": query,
        "focus": focus,
    }


@requires(VIEW)
def tree(request: TenantRequest) -> HttpResponse:
    edition, editions = edition_from_request(request)
    context: dict[str, Any] = edition_context(request, edition, editions)
    if edition is not None:
        context.update(tree_context(request, edition, request.GET.get("fokus", "")))
        context.update(can_download=request.actor.can(DOWNLOAD_DOCUMENTS), document_fields=context["tree"].fields)
    return render(request, "backoffice/plan/tree.html", context)


def _move_target(request: TenantRequest, kind: str, pk: int) -> FieldOfAction | Goal | Measure:
    model: Any = {"f": FieldOfAction, "g": Goal, "m": Measure}[kind]
    obj = model.objects.of(request.municipality).select_related("edition").filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


@requires(EDIT_PLAN)
@require_POST
def move(request: TenantRequest) -> HttpResponse:
    """Move a field, goal or measure one place up or down among its siblings. With htmx the tree is sent
    back in place; without JavaScript the browser returns to the tree."""
    match = MOVE_RE.match(request.POST.get("bewegen", ""))
    if not match:
        if is_htmx(request):
            return HttpResponse(_("Unbekannte Aktion: Es wurde nichts verschoben."), status=400)
        messages.error(request, _("Unbekannte Aktion: Es wurde nichts verschoben."))
        return HttpResponseRedirect(reverse("backoffice:tree", kwargs={"municipality": request.municipality.slug}))
    kind, pk, direction = match.group(1), int(match.group(2)), match.group(3)
    obj = _move_target(request, kind, pk)
    error = ""
    try:
        services.move(actor=request.actor, obj=obj, direction=-1 if direction == "up" else 1)
    except ServiceError as exc:
        error = exc.message
    focus = f"{kind}-{pk}"
    if is_htmx(request):
        context = tree_context(request, obj.edition, focus)
        context["tree_error"] = error
        return render(request, "backoffice/plan/_tree.html", context)
    if error:
        messages.error(request, error)
    url = url_with_edition("backoffice:tree", request, obj.edition)
    return HttpResponseRedirect(f"{url}&{urlencode({'fokus': focus})}#{focus}")
