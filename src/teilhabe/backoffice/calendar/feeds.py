"""Back office of imported calendars (Kalender-Import): subscribe an organisation to its calendar's address,
upload an .ics file, see each import's outcome, import now, change or end a subscription. Every view needs
calendar.import_events; the services (calendar.feeds.services) do the work."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from teilhabe.backoffice import flow
from teilhabe.backoffice.calendar.feed_forms import FeedForm, SubscribeForm, UploadForm
from teilhabe.calendar.feeds import fetch, selectors, services
from teilhabe.calendar.models import EventFeed
from teilhabe.calendar.permissions import IMPORT_EVENTS
from teilhabe.core.tenancy import TenantRequest, requires


def _list_url(request: TenantRequest) -> str:
    return reverse("backoffice:eventfeed_list", kwargs={"municipality": request.municipality.slug})


def _detail_url(request: TenantRequest, feed: EventFeed) -> str:
    return reverse("backoffice:eventfeed_detail", kwargs={"municipality": request.municipality.slug, "pk": feed.pk})


def _feed(request: TenantRequest, pk: int) -> EventFeed:
    feed = selectors.feed_detail(request.municipality, pk)
    if feed is None:
        raise Http404
    return feed


def _list(request: TenantRequest, subscribe: SubscribeForm | None = None, upload: UploadForm | None = None,
          status: int = 200) -> HttpResponse:
    municipality = request.municipality
    return render(request, "calendar/backoffice/feeds.html", {
        "feeds": list(selectors.feed_list(municipality)),
        "subscribe_form": subscribe or SubscribeForm(municipality=municipality, prefix="abo"),
        "upload_form": upload or UploadForm(municipality=municipality, prefix="datei"),
        "fetching_enabled": fetch.fetching_enabled(),
        "max_bytes": fetch.max_bytes(),
    }, status=status)


@requires(IMPORT_EVENTS)
def eventfeed_list(request: TenantRequest) -> HttpResponse:
    return _list(request)


@requires(IMPORT_EVENTS)
@require_POST
def eventfeed_subscribe(request: TenantRequest) -> HttpResponse:
    form = SubscribeForm(request.POST, municipality=request.municipality, prefix="abo")
    done = flow.submit(request, form, lambda: services.create_feed(
        actor=request.actor, municipality=request.municipality, organisation=form.cleaned_data["organisation"],
        url=form.cleaned_data["url"], interval_hours=form.cleaned_data["interval_hours"]),
        success=_("Der Kalender ist abonniert."), next_url=lambda feed: _detail_url(request, feed))
    return done or _list(request, subscribe=form, status=400)


@requires(IMPORT_EVENTS)
@require_POST
def eventfeed_upload(request: TenantRequest) -> HttpResponse:
    form = UploadForm(request.POST, request.FILES, municipality=request.municipality, prefix="datei")
    if form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > fetch.max_bytes():
            form.add_error("file", _("Die Datei ist größer als %(size)s.")
                           % {"size": fetch.megabytes(fetch.max_bytes())})
    done = None
    if not form.errors:
        done = flow.submit(request, form, lambda: services.import_file(
            actor=request.actor, municipality=request.municipality, organisation=form.cleaned_data["organisation"],
            file_name=form.cleaned_data["file"].name or "", payload=form.cleaned_data["file"].read()),
            success=lambda outcome: _("Übernommen: %(summary)s") % {"summary": outcome[1].summary()},
            next_url=lambda outcome: _detail_url(request, outcome[0]))
    return done or _list(request, upload=form, status=400)


def _detail(request: TenantRequest, feed: EventFeed, form: FeedForm | None = None) -> HttpResponse:
    form = form or FeedForm(initial=flow.initial(feed, "url", "interval_hours", "enabled"))
    return render(request, "calendar/backoffice/feed_detail.html", {
        "feed": feed, "form": form, "fetching_enabled": fetch.fetching_enabled(),
        "list_url": _list_url(request)})


@requires(IMPORT_EVENTS)
def eventfeed_detail(request: TenantRequest, pk: int) -> HttpResponse:
    return _detail(request, _feed(request, pk))


@requires(IMPORT_EVENTS)
def eventfeed_edit(request: TenantRequest, pk: int) -> HttpResponse:
    feed = _feed(request, pk)
    if feed.origin != EventFeed.Origin.URL:
        return redirect(_detail_url(request, feed))
    form = FeedForm(request.POST or None, initial=flow.initial(feed, "url", "interval_hours", "enabled"))
    done = flow.submit(request, form, lambda: services.update_feed(
        actor=request.actor, feed=feed, expected_version=flow.expected_version(form), url=form.cleaned_data["url"],
        interval_hours=form.cleaned_data["interval_hours"], enabled=form.cleaned_data["enabled"]),
        success=_("Gespeichert."), next_url=_detail_url(request, feed), gone_url=_list_url(request))
    return done or _detail(request, feed, form)


@requires(IMPORT_EVENTS)
def eventfeed_refresh(request: TenantRequest, pk: int) -> HttpResponse:
    feed = _feed(request, pk)  # first: another municipality's feed is 404 whatever the method
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    outcome: dict[str, Any] = {}

    def refresh() -> None:
        outcome["result"] = services.refresh_feed(actor=request.actor, feed=feed, force=True)

    if flow.act(request, refresh, success=_("Der Kalender wurde abgerufen.")):
        messages.info(request, outcome["result"].summary())
    return redirect(_detail_url(request, feed))


@requires(IMPORT_EVENTS)
def eventfeed_delete(request: TenantRequest, pk: int) -> HttpResponse:
    feed = _feed(request, pk)
    return flow.confirm_delete(
        request, version=feed.version,
        delete=lambda expected_version: services.delete_feed(actor=request.actor, feed=feed,
                                                             expected_version=expected_version),
        success=_("Das Abonnement ist beendet; seine Termine sind entfernt."), done_url=_list_url(request),
        context={"heading": _("Kalender-Abonnement beenden"),
                 "question": _("Soll das Abonnement „%(feed)s“ von „%(organisation)s“ beendet werden?")
                 % {"feed": feed, "organisation": feed.organisation.name},
                 "consequence": _("Alle Termine, die aus diesem Kalender übernommen wurden, werden gelöscht."),
                 "cancel_url": _detail_url(request, feed)})
