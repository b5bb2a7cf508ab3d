"""Create, edit and delete fields of action (Handlungsfelder)."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from teilhabe.backoffice import flow
from teilhabe.backoffice.plans.forms.plan import FieldForm
from teilhabe.backoffice.plans.tree import edition_from_request, url_with_edition
from teilhabe.core.tenancy import TenantRequest, requires
from teilhabe.plans import selectors, services
from teilhabe.plans.models import Edition, FieldOfAction
from teilhabe.plans.permissions import EDIT_PLAN


def tree_url(request: TenantRequest, edition: Edition, focus: str = "") -> str:
    url = url_with_edition("backoffice:tree", request, edition)
    return f"{url}&{urlencode({'fokus': focus})}#{focus}" if focus else url


def _field(request: TenantRequest, pk: int) -> FieldOfAction:
    return get_object_or_404(selectors.fields_of_municipality(request.municipality), pk=pk)


@requires(EDIT_PLAN)
def field_create(request: TenantRequest) -> HttpResponse:
    edition, _editions = edition_from_request(request)
    if edition is None:
        messages.info(request, _("Legen Sie zuerst einen Plan an."))
        return HttpResponseRedirect(url_with_edition("backoffice:plan_create", request, None))
    form = FieldForm(request.POST or None, with_version=False)
    done = flow.submit(request, form, lambda: services.create_field(
        actor=request.actor, edition=edition, **form.service_values()),
        success=lambda field: _("Das Handlungsfeld „%(title)s“ wurde angelegt.") % {"title": field.title},
        next_url=lambda field: tree_url(request, edition, f"f-{field.pk}"))
    return done or render(request, "backoffice/plan/object_form.html", {
        "form": form, "heading": _("Handlungsfeld hinzufügen"), "cancel_url": tree_url(request, edition),
        "intro": _("Ausgabe: %(edition)s") % {"edition": edition},
    })


@requires(EDIT_PLAN)
def field_edit(request: TenantRequest, pk: int) -> HttpResponse:
    field = _field(request, pk)
    form = FieldForm(request.POST or None, initial=flow.initial(field, "title", "description", "colour"))
    done = flow.submit(request, form, lambda: services.update_field(
        actor=request.actor, field=field, expected_version=flow.expected_version(form),
        values=form.service_values()),
        success=_("Das Handlungsfeld wurde gespeichert."),
        next_url=tree_url(request, field.edition, f"f-{field.pk}"), gone_url=tree_url(request, field.edition))
    return done or render(request, "backoffice/plan/object_form.html", {
        "form": form, "heading": _("Handlungsfeld bearbeiten"),
        "cancel_url": tree_url(request, field.edition, f"f-{field.pk}")})


@requires(EDIT_PLAN)
def field_delete(request: TenantRequest, pk: int) -> HttpResponse:
    field = _field(request, pk)
    return flow.confirm_delete(
        request, version=field.version,
        delete=partial(services.delete_field, actor=request.actor, field=field),
        success=_("Das Handlungsfeld „%(title)s“ wurde gelöscht.") % {"title": field.title},
        done_url=tree_url(request, field.edition),
        context={
            "heading": _("Handlungsfeld löschen"),
            "question": _("Wollen Sie das Handlungsfeld „%(title)s“ mit allen seinen Zielen löschen?")
            % {"title": field.title},
            "consequence": _("Ein Handlungsfeld mit Maßnahmen kann nicht gelöscht werden; verschieben oder löschen "
                             "Sie diese zuerst."),
            "cancel_url": tree_url(request, field.edition, f"f-{field.pk}"),
        },
    )
