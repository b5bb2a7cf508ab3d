"""The goal tree of the roll-up page as HTML, built in Python: a template loop over 10,000 goals with their
"So berechnet" tables takes tens of seconds (as the plan tree found, backoffice/plans/tree.py). The markup is
what `_progress_tree.html` would write: nested lists, a <details> per goal with its table and arithmetic."""

from __future__ import annotations

from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from teilhabe.backoffice.templatetags.monitoring_progress import progress_badge, share
from teilhabe.monitoring.progress import Status
from teilhabe.monitoring.rollup import GoalRollup, Part, decimal_text


class RollupRenderer:
    def __init__(self) -> None:
        self.out: list[str] = []
        self.badges = {s.value: str(progress_badge(s.value)) for s in Status}
        self.t = {
            "how": escape(_("So berechnet")), "kind": escape(_("Art")), "label": escape(_("Bezeichnung")),
            "state": escape(_("Stand")), "score": escape(_("Wert (0–1)")), "weight": escape(_("Gewicht")),
            "product": escape(_("Wert × Gewicht")), "indicator": escape(_("Indikator")),
            "measure": escape(_("Maßnahme")), "not_counted": escape(_("zählt nicht")),
            "calc": escape(_("Rechnung")), "no_data": escape(_("keine Daten")),
        }
        t = self.t
        self.head = (
            '<thead class="kern-table__head"><tr class="kern-table__row">'
            f'<th scope="col" class="kern-table__header">{t["kind"]}</th>'
            f'<th scope="col" class="kern-table__header">{t["label"]}</th>'
            f'<th scope="col" class="kern-table__header">{t["state"]}</th>'
            f'<th scope="col" class="kern-table__header kern-table__header--numeric">{t["score"]}</th>'
            f'<th scope="col" class="kern-table__header kern-table__header--numeric">{t["weight"]}</th>'
            f'<th scope="col" class="kern-table__header kern-table__header--numeric">{t["product"]}</th>'
            '</tr></thead>')

    def render(self, goals: list[GoalRollup]) -> SafeString:
        if not goals:
            return mark_safe(f'<p class="kern-body">{escape(_("Dieses Handlungsfeld hat noch keine Ziele."))}</p>')
        self.out = ['<ul class="rollup-tree">']
        for goal in goals:
            self.goal(goal)
        self.out.append("</ul>")
        return mark_safe("".join(self.out))

    def goal(self, goal: GoalRollup) -> None:
        w, t = self.out.append, self.t
        if goal.score is not None:
            score = (f'<progress class="rollup-bar" max="100" value="{goal.percent}" aria-hidden="true"></progress> '
                     + escape(_("%(n)s %% erreicht") % {"n": goal.percent}))
        else:
            score = ('<span class="kern-icon kern-icon--question-mark kern-icon--small" aria-hidden="true"></span> '
                     + t["no_data"])
        w(f'<li class="rollup-goal" id="g-{goal.id}"><div class="rollup-goal__head"><span class="rollup-goal__title">'
          f'<span class="rollup-level">{escape(goal.level_name)}</span> {escape(goal.title)}</span>'
          f'<span class="rollup-score">{score}</span></div>'
          f'<details class="rollup-how"><summary>{t["how"]}</summary>')
        if goal.parts:
            caption = escape(_("Was in „%(title)s“ eingeht") % {"title": goal.title})
            w('<div class="kern-table-responsive rollup-table-wrap"><table class="kern-table kern-table--small '
              f'rollup-table"><caption class="kern-sr-only">{caption}</caption>{self.head}'
              '<tbody class="kern-table__body">')
            for part in goal.parts:
                self.part(part)
            w("</tbody></table></div>")
        calc = f'<span dir="ltr" class="rollup-calc">{escape(goal.arithmetic)}</span>'
        if goal.score is not None:
            calc = f'{t["calc"]}: {calc} ({goal.percent} %)'
        w(f'<p class="kern-body rollup-arithmetic">{calc}</p></details>')
        if goal.children:
            w('<ul class="rollup-tree">')
            for child in goal.children:
                self.goal(child)
            w("</ul>")
        w("</li>")

    def part(self, p: Part) -> None:
        t = self.t
        if p.kind == "indicator":
            kind = t["indicator"]
            state = self.badges[p.status or Status.NO_DATA]
            if p.progress is not None and p.progress.achieved is not None:
                text = _("%(a)s des Weges bei %(e)s der Zeit") % {
                    "a": share(p.progress.achieved), "e": share(p.progress.expected)}
                state += f'<br><span class="kern-body--muted">{escape(text)}</span>'
        elif p.kind == "measure":
            kind, state = t["measure"], escape(p.status_label)
        else:
            kind = escape(p.status_label)
            state = escape(_("Zielerreichung %(n)s") % {"n": decimal_text(p.score)}) if p.score is not None else ""
        if p.note:
            state += f'<br><span class="rollup-note">{escape(p.note)}</span>'
        counts = p.counts
        score = decimal_text(p.score) if p.score is not None else "–"
        weight = decimal_text(p.weight, None) if counts else t["not_counted"]
        product = decimal_text(p.product) if counts and p.product is not None else "–"
        self.out.append(
            f'<tr class="kern-table__row{"" if counts else " rollup-missing"}">'
            f'<td class="kern-table__cell" data-label="{t["kind"]}">{kind}</td>'
            f'<th scope="row" class="kern-table__header" data-label="{t["label"]}">{escape(p.label)}</th>'
            f'<td class="kern-table__cell" data-label="{t["state"]}">{state}</td>'
            f'<td class="kern-table__cell kern-table__cell--numeric" data-label="{t["score"]}">{score}</td>'
            f'<td class="kern-table__cell kern-table__cell--numeric" data-label="{t["weight"]}">{weight}</td>'
            f'<td class="kern-table__cell kern-table__cell--numeric" data-label="{t["product"]}">{product}</td></tr>')


def rollup_tree_html(goals: list[GoalRollup]) -> SafeString:
    return RollupRenderer().render(goals)
