"""The public chronicle (Stationen der Integrationspolitik): the published milestones, newest first, by year,
as an ordered list with `<time>` elements; and its Atom feed. Each milestone links to what it is about where
the portal shows it: the plan in force, the published implementation report, the public meeting's page."""

from __future__ import annotations

from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import override

from teilhabe.core.cleaning import check_query
from teilhabe.core.models import Municipality
from teilhabe.core.tenancy import TenantRequest
from teilhabe.participation.models import Milestone
from teilhabe.participation.selectors import chronicle as selectors
from teilhabe.plans.models import Edition
from teilhabe.portal.templatetags.chronicle_tags import milestone_time

FEED_ITEMS = 100
MEETING_PAGE = "portal:participation_bodies_meeting"


def links(milestone: Milestone, slug: str) -> list[tuple[str, str]]:
    """(text, path) of each public page the milestone links to; the document's address last."""
    found: list[tuple[str, str]] = []
    edition = milestone.edition
    if edition is not None and edition.status == Edition.Status.ADOPTED:
        found.append((_("Der Plan: %(plan)s") % {"plan": edition.plan.title},
                      reverse("portal:plan_overview", kwargs={"municipality": slug})))
    meeting = milestone.meeting
    if meeting is not None and meeting.is_public:
        url = reverse(MEETING_PAGE, kwargs={"municipality": slug, "pk": meeting.pk})
        found.append((_("Die Veranstaltung: %(title)s") % {"title": meeting.title}, url))
    round_ = milestone.reporting_round
    if round_ is not None and round_.published_at is not None:
        url = reverse("portal:published_rounds", kwargs={"municipality": slug})
        found.append((_("Der Umsetzungsbericht: %(title)s") % {"title": round_.title}, f"{url}#runde-{round_.pk}"))
    if milestone.document_url:
        found.append((milestone.document_label or milestone.document_url, milestone.document_url))
    return found


def chronicle(request: TenantRequest) -> HttpResponse:
    """One query whatever the number of milestones; each entry is prepared here (its date as `<time>`, its kind
    as a word, its links), so that the template only prints."""
    check_query(request)
    slug = request.municipality.slug
    kinds = {value: str(label) for value, label in Milestone.Kind.choices}
    years = [(year, [{
        "pk": m.pk, "kind": m.kind, "kind_label": kinds.get(m.kind, m.kind), "time": milestone_time(m),
        "title": m.title, "text": m.text, "links": links(m, slug),
    } for m in items]) for year, items in selectors.timeline(request.municipality)]
    return render(request, "portal/participation/chronicle.html", {
        "years": years, "feed_url": reverse("portal:participation_chronicle_feed", kwargs={"municipality": slug}),
    })


class ChronicleFeed(Feed):  # type: ignore[type-arg]
    """Atom 1.0: the latest published milestones with absolute links, in German (the content's language)."""

    feed_type = Atom1Feed
    language = "de"

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Municipality:
        self.request = request
        tenant: TenantRequest = request  # type: ignore[assignment]
        self.slug = tenant.municipality.slug
        return tenant.municipality

    def title(self, obj: Municipality) -> str:
        return _("Chronik der Integrationspolitik – %(name)s") % {"name": obj.name}

    def subtitle(self, obj: Municipality) -> str:
        return _("Stationen der Integrationspolitik: Beschlüsse, Veranstaltungen, Berichte und mehr.")

    def link(self, obj: Municipality) -> str:
        return reverse("portal:participation_chronicle", kwargs={"municipality": obj.slug})

    def feed_url(self, obj: Municipality) -> str:
        return reverse("portal:participation_chronicle_feed", kwargs={"municipality": obj.slug})

    def items(self, obj: Municipality) -> list[Milestone]:
        return list(selectors.published(obj)[:FEED_ITEMS])

    def item_title(self, item: Milestone) -> str:
        return f"{selectors.when(item).text}: {item.title}"

    def item_description(self, item: Milestone) -> str:
        """The kind and the (sanitised) text as HTML: Atom's summary is of type html."""
        return format_html("<p>{}</p>", item.get_kind_display()) + (item.text or "")

    def item_link(self, item: Milestone) -> str:
        base = reverse("portal:participation_chronicle", kwargs={"municipality": self.slug})
        return f"{base}#meilenstein-{item.pk}"

    def item_guid(self, item: Milestone) -> str:
        return self.request.build_absolute_uri(self.item_link(item))

    item_guid_is_permalink = False

    def item_pubdate(self, item: Milestone) -> Any:
        return item.created_at

    def item_updateddate(self, item: Milestone) -> Any:
        return item.updated_at

    def item_categories(self, item: Milestone) -> list[str]:
        return [str(item.get_kind_display())]


def chronicle_feed(request: TenantRequest) -> HttpResponse:
    """In German, the language of the content, whatever the reader chose for the portal."""
    with override("de"):
        response = ChronicleFeed()(request)
    response["Cache-Control"] = "public, max-age=300"
    return response

