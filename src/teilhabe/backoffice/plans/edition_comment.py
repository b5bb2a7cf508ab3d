"""Koordination opens a draft for comment to Fachstellen and/or Lesende, or closes it again."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from teilhabe.backoffice.plans.forms.comment import CommentForm
from teilhabe.core.errors import ConcurrentEdit, ServiceError
from teilhabe.core.tenancy import TenantRequest, requires
from teilhabe.plans.editions import open_edition_for_comment
from teilhabe.plans.models import Edition
from teilhabe.plans.permissions import EDIT_PLAN
from teilhabe.plans.rules import comment_roles_of


@requires(EDIT_PLAN)
def edition_comment(request: TenantRequest, pk: int) -> HttpResponse:
    """POST only; the form is on the edition page, where a GET leads back to."""
    edition = get_object_or_404(Edition.objects.of(request.municipality).select_related("plan"), pk=pk)
    back = redirect("backoffice:edition_edit", municipality=request.municipality.slug, pk=edition.pk)
    if request.method != "POST":
        return back
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Die Freigabe wurde nicht gespeichert: Bitte wählen Sie aus den angebotenen "
                                  "Rollen und laden Sie die Seite neu."))
        return back
    try:
        saved = open_edition_for_comment(actor=request.actor, edition=edition, roles=form.cleaned_data["roles"],
                                         expected_version=form.cleaned_data["version"])
    except ConcurrentEdit as exc:
        messages.error(request, exc.message)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        roles = ", ".join(str(role.label) for role in comment_roles_of(saved))
        if roles:
            messages.success(request, _("Der Entwurf „%(name)s“ ist zur Beratung freigegeben für: %(roles)s.")
                             % {"name": saved.name, "roles": roles})
        else:
            messages.success(request, _("Der Entwurf „%(name)s“ ist nicht zur Beratung freigegeben; "
                                        "ihn sieht nur die Koordinierungsstelle.") % {"name": saved.name})
    return back
