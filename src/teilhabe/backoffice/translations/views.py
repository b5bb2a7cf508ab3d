"""Koordination's translation pages: the language tree, the overview per language (states, counts, a paged
list), the editor per object and language (source beside target) and the XLIFF export and import."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from teilhabe.backoffice import flow
from teilhabe.backoffice.translations.forms import ImportForm, LanguageParentForm, TranslationForm
from teilhabe.core.errors import ServiceError
from teilhabe.core.i18n import language as language_info
from teilhabe.core.models import Municipality
from teilhabe.core.paging import Page
from teilhabe.core.tenancy import TenantRequest, requires
from teilhabe.translations import registry, selectors, services, xliff
from teilhabe.translations.models import LanguageParent
from teilhabe.translations.permissions import MANAGE_TRANSLATIONS
from teilhabe.translations.selectors import State
from teilhabe.translations.tree import SOURCE, language_tree

PER_PAGE = 50
PAGE_PARAM = "seite"


def _overview_url(municipality: Municipality) -> str:
    return reverse("backoffice:translation_overview", kwargs={"municipality": municipality.slug})


def _language_url(municipality: Municipality, language: str) -> str:
    return reverse("backoffice:translation_language", kwargs={"municipality": municipality.slug,
                                                              "language": language})


def editor_url(municipality: Municipality, language: str, kind: str, pk: int) -> str:
    return reverse(f"backoffice:{kind}_translate", kwargs={"municipality": municipality.slug, "language": language,
                                                            "pk": pk})


def _target_language(request: TenantRequest, language: str) -> HttpResponse | None:
    """German is the source: its page is the overview. A language the municipality does not enable: 404."""
    municipality = request.municipality
    if language == SOURCE:
        return HttpResponseRedirect(_overview_url(municipality))
    if language not in municipality.content_languages:
        raise Http404
    return None


@requires(MANAGE_TRANSLATIONS)
def translation_overview(request: TenantRequest) -> HttpResponse:
    municipality = request.municipality
    tree = language_tree(municipality)
    versions = dict(LanguageParent.objects.filter(municipality=municipality).values_list("language", "version"))
    rows = []
    for counts in selectors.language_counts(municipality):
        choices = [code for code in tree.languages if code != counts.language]
        form = LanguageParentForm(initial={"language": counts.language, "parent": counts.parent or SOURCE,
                                           "version": versions.get(counts.language, 0)},
                                  languages=choices, auto_id=f"id_{counts.language}_%s")
        rows.append({"counts": counts, "language": language_info(counts.language),
                     "parent": language_info(counts.parent or SOURCE), "form": form,
                     "indent": "—" * (counts.depth - 1)})
    return render(request, "backoffice/translations/overview.html", {
        "rows": rows, "kinds": registry.entries(),
    })


@requires(MANAGE_TRANSLATIONS)
def translation_tree(request: TenantRequest) -> HttpResponse:
    """The form of one row of the tree: set the parent of one language. Back to the overview, with a message."""
    municipality = request.municipality
    back = _overview_url(municipality)
    if request.method != "POST":
        return HttpResponseRedirect(back)
    tree = language_tree(municipality)
    language = request.POST.get("language", "")
    form = LanguageParentForm(request.POST, languages=[code for code in tree.languages if code != language])
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return HttpResponseRedirect(back)
    try:
        services.set_language_parent(actor=request.actor, municipality=municipality, language=language,
                                     parent=form.cleaned_data["parent"], expected_version=flow.expected_version(form))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Der Sprachbaum wurde gespeichert."))
    return HttpResponseRedirect(back)


@requires(MANAGE_TRANSLATIONS)
def translation_language(request: TenantRequest, language: str) -> HttpResponse:
    """One language: counts per kind and the items with their state (filter by state and kind), paged."""
    redirect = _target_language(request, language)
    if redirect is not None:
        return redirect
    municipality = request.municipality
    overview = selectors.overview(municipality, language)
    state = request.GET.get("zustand", "")
    kind = request.GET.get("art", "")
    items = overview.items
    if state in State.values:
        items = [item for item in items if item.state == state]
    if registry.by_kind(kind) is not None:
        items = [item for item in items if item.entry.kind == kind]
    total = len(items)
    num_pages = max(1, -(-total // PER_PAGE))
    number = request.GET.get(PAGE_PARAM, "1")
    page_number = min(max(int(number), 1), num_pages) if number.isdigit() else 1
    start = (page_number - 1) * PER_PAGE
    rows = [{"item": item, "url": editor_url(municipality, language, item.entry.kind, int(item.obj.pk))}
            for item in items[start:start + PER_PAGE]]
    pager = Page(items=rows, number=page_number, num_pages=num_pages, total=total, per_page=PER_PAGE)
    params = request.GET.copy()
    params.pop(PAGE_PARAM, None)
    tree = language_tree(municipality)
    return render(request, "backoffice/translations/language.html", {
        "language": language_info(language), "parent": language_info(tree.parent(language) or SOURCE),
        "overview": overview, "pager": pager, "page_query": f"{params.urlencode()}&" if params else "",
        "states": State.choices, "state": state, "kind": kind, "kinds": registry.entries(),
        "import_form": ImportForm(),
    })


@requires(MANAGE_TRANSLATIONS)
def translation_export(request: TenantRequest, language: str) -> HttpResponse:
    redirect = _target_language(request, language)
    if redirect is not None:
        return redirect
    municipality = request.municipality
    everything = request.GET.get("alles") == "1"
    data = xliff.export(actor=request.actor, municipality=municipality, language=language, everything=everything)
    name = f"{municipality.slug}-{language}{'-alles' if everything else ''}.xlf"
    response = HttpResponse(data, content_type="application/x-xliff+xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@requires(MANAGE_TRANSLATIONS)
def translation_import(request: TenantRequest, language: str) -> HttpResponse:
    redirect = _target_language(request, language)
    if redirect is not None:
        return redirect
    municipality = request.municipality
    back = _language_url(municipality, language)
    if request.method != "POST":
        return HttpResponseRedirect(back)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Bitte wählen Sie eine XLIFF-Datei aus."))
        return HttpResponseRedirect(back)
    upload = form.cleaned_data["file"]
    if upload.size > xliff.MAX_BYTES:
        messages.error(request, _("Die Datei ist zu groß."))
        return HttpResponseRedirect(back)
    try:
        result = xliff.import_file(actor=request.actor, municipality=municipality, language=language,
                                   data=upload.read())
    except xliff.ImportRefused as exc:
        messages.error(request, _("Die Datei wurde nicht eingelesen; nichts wurde geändert."))
        for problem in exc.problems[:20]:
            messages.error(request, problem)
        if len(exc.problems) > 20:
            messages.error(request, _("… und %(n)s weitere Probleme.") % {"n": len(exc.problems) - 20})
        return HttpResponseRedirect(back)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return HttpResponseRedirect(back)
    messages.success(request, _("%(written)s Übersetzungen gespeichert, %(unchanged)s unverändert.")
                     % {"written": result.written, "unchanged": result.unchanged})
    if result.outdated:
        messages.warning(request, _("%(n)s davon bleiben als veraltet markiert: ihr Ausgangstext hat sich seit dem "
                                    "Export geändert.") % {"n": len(result.outdated)})
    return HttpResponseRedirect(back)


def translation_edit(request: TenantRequest, language: str, pk: int, kind: str) -> HttpResponse:
    """The editor of one object in one language: the source (parent language) beside each target field."""
    municipality = request.municipality
    entry = registry.by_kind(kind)
    if entry is None:
        raise Http404
    obj = get_object_or_404(entry.objects(municipality), pk=pk)
    redirect = _target_language(request, language)
    if redirect is not None:
        return redirect
    found = selectors.load(municipality, [obj], [language])
    form = TranslationForm(request.POST or None, entry=entry, obj=obj, language=language, found=found)
    done = flow.submit(request, form, lambda: services.save_translations(
        actor=request.actor, obj=obj, language=language, values=form.values(),
        expected_versions=form.versions()),
        success=_("Die Übersetzung wurde gespeichert."), next_url=_language_url(municipality, language))
    if done is not None:
        return done
    tree = language_tree(municipality)
    fields: list[dict[str, Any]] = []
    for name in entry.fields:
        source = found.localized(obj, name, tree.parent(language) or SOURCE)
        fields.append({"name": name, "label": entry.field_label(name), "field": form[name],
                       "version": form[f"{name}__version"], "source": source,
                       "source_language": language_info(source.language),
                       "state": found.field_state(obj, name, language)})
    return render(request, "backoffice/translations/edit.html", {
        "form": form, "fields": fields, "entry": entry, "obj": obj, "label": entry.object_label(obj),
        "language": language_info(language), "states": dict(State.choices),
    })


def editor_view(kind: str) -> Any:
    """The editor bound to one kind of content, so that its URL is named after the kind (`measure_translate`)."""

    @requires(MANAGE_TRANSLATIONS)
    def view(request: TenantRequest, language: str, pk: int) -> HttpResponse:
        return translation_edit(request, language, pk, kind)

    view.__name__ = f"{kind}_translate"
    return view
