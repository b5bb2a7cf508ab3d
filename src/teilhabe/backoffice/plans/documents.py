"""Plan documents for download: an edition (or one field of action of it) and the comparison of two
editions, as tagged PDF/UA-1 or DOCX. Which edition a person may download follows the one edition rule
(`plans.rules`): Lesend and Fachstelle get a draft only when it is open for comment to their role."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from teilhabe.backoffice import flow
from teilhabe.backoffice.plans.forms.editions import CompareForm
from teilhabe.core.tenancy import TenantRequest, requires
from teilhabe.plans import rules
from teilhabe.plans.documents import comparison_document, plan_document
from teilhabe.plans.documents.docx import comparison_docx, plan_docx
from teilhabe.plans.documents.pdf import comparison_pdf, plan_pdf
from teilhabe.plans.editions import compare_editions
from teilhabe.plans.models import Edition, FieldOfAction
from teilhabe.plans.permissions import DOWNLOAD_DOCUMENTS
from teilhabe.plans.selectors import editions_for_choice

FIELD_PARAM = "handlungsfeld"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _download(data: bytes, stem: str, fmt: str) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response


@requires(DOWNLOAD_DOCUMENTS)
def edition_document(request: TenantRequest, pk: int, fmt: str) -> HttpResponse:
    """The edition `pk` as a document; ?handlungsfeld=<id> restricts it to one of its fields of action.
    An edition of another municipality, or a draft not open to the person, is a 404 (also for a POST)."""
    edition = get_object_or_404(Edition.objects.of(request.municipality).select_related("plan", "municipality"),
                                pk=pk)
    if not rules.can_see_edition(request.actor, edition):
        raise Http404
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    field_of_action = None
    wanted = request.GET.get(FIELD_PARAM, "").strip()
    if wanted:
        if not wanted.isdigit():
            raise Http404
        field_of_action = get_object_or_404(FieldOfAction.objects.filter(edition=edition), pk=int(wanted))
    document = plan_document(edition, field_of_action)
    data = plan_pdf(document) if fmt == "pdf" else plan_docx(document)
    return _download(data, document.file_stem, fmt)


@requires(DOWNLOAD_DOCUMENTS)
@require_GET
def comparison_download(request: TenantRequest, fmt: str) -> HttpResponse:
    """The comparison of ?old=<id>&new=<id> as a document; without a valid pair, back to the comparison page,
    which names what is wrong."""
    editions = list(editions_for_choice(request.municipality, request.actor))
    by_pk = {e.pk: e for e in editions}
    form = CompareForm(request.GET, editions=editions)
    comparison = None
    if form.is_valid():
        comparison = flow.run(form, lambda: compare_editions(
            by_pk[form.cleaned_data["old"]], by_pk[form.cleaned_data["new"]]))
    if comparison is None:
        messages.error(request, _("Bitte wählen Sie zwei verschiedene Ausgaben, die Sie sehen dürfen."))
        page = reverse("backoffice:edition_compare", kwargs={"municipality": request.municipality.slug})
        query = request.GET.urlencode()
        return HttpResponseRedirect(f"{page}?{query}" if query else page)
    document = comparison_document(comparison)
    data = comparison_pdf(document) if fmt == "pdf" else comparison_docx(document)
    return _download(data, document.file_stem, fmt)
