"""Editions of a plan: list, Fortschreibung, adoption and archiving, and the comparison of two editions."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from teilhabe.backoffice import flow
from teilhabe.backoffice.plans.forms.editions import CompareForm, EditionForm, NewEditionForm
from teilhabe.core.audit import history_of
from teilhabe.core.errors import ServiceError
from teilhabe.core.permissions import VIEW
from teilhabe.core.tenancy import TenantRequest, requires
from teilhabe.plans import services
from teilhabe.plans.editions import compare_editions, start_new_edition
from teilhabe.plans.models import Edition
from teilhabe.plans.permissions import DOWNLOAD_DOCUMENTS, EDIT_PLAN
from teilhabe.plans.selectors import editions_for_choice, plans_with_editions


def _m(request: TenantRequest) -> Any:
    return request.municipality


def _actor(request: TenantRequest) -> Any:
    return request.actor


def _edition(request: TenantRequest, pk: int) -> Edition:
    return get_object_or_404(Edition.objects.of(_m(request)).select_related("plan", "predecessor"), pk=pk)


@requires(VIEW)
@require_GET
def edition_list(request: TenantRequest) -> HttpResponse:
    return render(request, "backoffice/editions/list.html", {
        "plans": plans_with_editions(_m(request), _actor(request)),
        "can_edit": _actor(request).can(EDIT_PLAN),
    })


@requires(EDIT_PLAN)
def edition_create(request: TenantRequest, pk: int) -> HttpResponse:
    """Fortschreibung: copy edition `pk` into a new draft."""
    source = _edition(request, pk)
    form = NewEditionForm(request.POST or None)
    done = flow.submit(request, form, lambda: start_new_edition(
        actor=_actor(request), edition=source, name=form.cleaned_data["name"]),
        success=lambda new: _("Die Ausgabe „%(new)s“ wurde als Entwurf aus „%(old)s“ angelegt.")
        % {"new": new.name, "old": source.name},
        next_url=_list_url(request))
    return done or render(request, "backoffice/editions/create.html", {"form": form, "source": source})


def _list_url(request: TenantRequest) -> str:
    return reverse("backoffice:edition_list", kwargs={"municipality": _m(request).slug})


@requires(EDIT_PLAN)
def edition_edit(request: TenantRequest, pk: int) -> HttpResponse:
    """Details, rename, adopt (date and council reference) or archive an edition."""
    edition = _edition(request, pk)
    if request.method == "POST" and request.POST.get("action") == "archive":
        _archive(request, edition)
        return redirect("backoffice:edition_list", municipality=_m(request).slug)
    initial = flow.initial(edition, "name", "status", "adopted_on", "council_reference")
    if request.GET.get("beschluss") and edition.status == Edition.Status.DRAFT:
        initial["status"] = Edition.Status.ADOPTED
    form = EditionForm(request.POST or None, initial=initial)
    done = flow.submit(request, form, lambda: services.update_edition(
        actor=_actor(request), edition=edition, expected_version=flow.expected_version(form), values={
            key: form.cleaned_data[key] for key in ("name", "status", "adopted_on", "council_reference")}),
        success=lambda saved: _("Die Ausgabe „%(name)s“ wurde gespeichert.") % {"name": saved.name},
        next_url=_list_url(request))
    return done or render(request, "backoffice/editions/edit.html", {
        "form": form, "edition": edition, "history": list(history_of(edition)[:50]),
    })


def _archive(request: TenantRequest, edition: Edition) -> None:
    version = request.POST.get("version", "")

    def archive() -> None:
        if not version.isdigit():
            raise ServiceError(_("Das Formular ist veraltet oder beschädigt. Bitte laden Sie die Seite neu."))
        services.update_edition(actor=_actor(request), edition=edition, expected_version=int(version),
                                values={"status": Edition.Status.ARCHIVED})

    flow.act(request, archive, success=_("Die Ausgabe „%(name)s“ wurde archiviert.") % {"name": edition.name})


@requires(VIEW)
@require_GET
def edition_compare(request: TenantRequest) -> HttpResponse:
    """Choose two editions; show what was added, removed and changed from the older to the newer."""
    editions = list(editions_for_choice(_m(request), _actor(request)))
    by_pk = {e.pk: e for e in editions}
    comparison = None
    if "old" in request.GET or "new" in request.GET:
        form = CompareForm(request.GET, editions=editions)
        if form.is_valid():
            comparison = flow.run(form, lambda: compare_editions(
                by_pk[form.cleaned_data["old"]], by_pk[form.cleaned_data["new"]]))
    else:
        form = CompareForm(editions=editions, initial=_default_pair(editions))
    return render(request, "backoffice/editions/compare.html", {
        "form": form, "comparison": comparison, "has_two": len(editions) >= 2,
        "can_download": _actor(request).can(DOWNLOAD_DOCUMENTS),
        "compare_query": urlencode({"old": comparison.old.pk, "new": comparison.new.pk}) if comparison else "",
    })


def _default_pair(editions: list[Edition]) -> dict[str, int]:
    """The newest edition that has a predecessor, and that predecessor."""
    for edition in reversed(editions):
        if edition.predecessor_id is not None:
            return {"old": edition.predecessor_id, "new": edition.pk}
    return {}
