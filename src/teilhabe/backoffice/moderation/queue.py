"""The queue of proposed changes: Koordination sees what would change (a diff against the current content)
and publishes the change or returns it with a comment. Any kind of content whose app registered an applier
(teilhabe.moderation.registry) appears here."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from teilhabe.backoffice import flow
from teilhabe.backoffice.moderation.forms import ReturnForm
from teilhabe.core.tenancy import TenantRequest, requires
from teilhabe.moderation import selectors, services
from teilhabe.moderation.models import Revision
from teilhabe.moderation.permissions import MODERATE
from teilhabe.moderation.registry import applier_for, registered


def _queue_url(request: TenantRequest) -> str:
    return reverse("backoffice:revision_list", kwargs={"municipality": request.municipality.slug})


@requires(MODERATE)
@require_GET
def revision_list(request: TenantRequest) -> HttpResponse:
    page = Paginator(selectors.queue(), 50).get_page(request.GET.get("seite"))
    kinds = {key: applier.label for key, applier in registered().items()}
    return render(request, "backoffice/moderation/queue.html", {
        "revisions": [(r, kinds.get(r.content_type, r.content_type)) for r in page.object_list], "page": page})


@requires(MODERATE)
def revision_detail(request: TenantRequest, pk: int) -> HttpResponse:
    revision = get_object_or_404(Revision.objects.select_related("author", "organisation", "decided_by"), pk=pk)
    applier = applier_for(revision.content_type)
    obj = applier.load(revision.object_id) if applier else None
    form = ReturnForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("decision") == "publish":
            if flow.act(request, lambda: services.publish(actor=request.actor, revision=revision),
                        success=_("Die Änderung ist veröffentlicht.")):
                return HttpResponseRedirect(_queue_url(request))
        else:
            done = flow.submit(request, form, lambda: services.return_revision(
                actor=request.actor, revision=revision, comment=form.cleaned_data["comment"]),
                success=_("Die Änderung wurde mit Ihrem Kommentar zurückgegeben."), next_url=_queue_url(request))
            if done is not None:
                return done
    rows = applier.rows(applier.current(obj), revision.values) if applier and obj is not None else []
    return render(request, "backoffice/moderation/detail.html", {
        "revision": revision, "rows": rows, "changed": [r for r in rows if r.changed], "form": form,
        "kind": applier.label if applier else revision.content_type, "gone": obj is None,
        "stale": obj is not None and getattr(obj, "version", 0) != revision.base_version,
    })
