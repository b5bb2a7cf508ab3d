"""Registration requests from the portal: Koordination confirms (organisation, profile, editor invited) or
rejects them."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from teilhabe.backoffice import flow
from teilhabe.backoffice.directory.forms import RejectForm
from teilhabe.core.tenancy import TenantRequest, requires
from teilhabe.directory import services
from teilhabe.directory.models import RegistrationRequest
from teilhabe.directory.permissions import MANAGE_PROFILES


def _list_url(request: TenantRequest) -> str:
    return reverse("backoffice:registration_list", kwargs={"municipality": request.municipality.slug})


@requires(MANAGE_PROFILES)
@require_GET
def registration_list(request: TenantRequest) -> HttpResponse:
    pending = RegistrationRequest.objects.filter(state=RegistrationRequest.State.PENDING).order_by("created_at")
    decided = Paginator(RegistrationRequest.objects.exclude(state=RegistrationRequest.State.PENDING)
                        .select_related("organisation", "decided_by"), 50).get_page(request.GET.get("seite"))
    return render(request, "backoffice/directory/registration_list.html",
                  {"pending": list(pending), "decided": list(decided.object_list)})


@requires(MANAGE_PROFILES)
def registration_detail(request: TenantRequest, pk: int) -> HttpResponse:
    registration = get_object_or_404(RegistrationRequest, pk=pk)
    form = RejectForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("decision") == "confirm":
            if flow.act(request, lambda: services.confirm_registration(
                    actor=request.actor, request=registration, base_url=request.build_absolute_uri("/")),
                    success=_("Bestätigt: Die Organisation ist angelegt, die Einladung wird gesendet.")):
                return HttpResponseRedirect(_list_url(request))
        else:
            done = flow.submit(request, form, lambda: services.reject_registration(
                actor=request.actor, request=registration, comment=form.cleaned_data["comment"]),
                success=_("Die Anfrage wurde abgelehnt."), next_url=_list_url(request))
            if done is not None:
                return done
    return render(request, "backoffice/directory/registration_detail.html",
                  {"registration": registration, "form": form})
