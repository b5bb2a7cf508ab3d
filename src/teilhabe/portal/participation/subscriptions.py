"""Subscribing on the portal: the form (the whole process, a body, a field of action), following a proposal,
the confirmation link of the double opt-in, and the page a mail's link leads to (change the frequency,
unsubscribe one topic or everything — also by RFC 8058's one-click POST). No login needed; a person logged in
subscribes with their account's address and is confirmed at once."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from teilhabe.core.errors import ServiceError
from teilhabe.core.i18n import interface_language_of
from teilhabe.core.models import User
from teilhabe.core.tenancy import TenantRequest
from teilhabe.core.throttling import RESET_WINDOW, public_form_allowed
from teilhabe.participation.models import Subscription
from teilhabe.participation.selectors import subscriptions as selectors
from teilhabe.participation.services import subscriptions as services
from teilhabe.portal.participation.forms_subscriptions import FollowForm, ManageForm, SubscribeForm, mail_languages

# At most this many subscription requests an hour per client address and per e-mail address (each mails a
# confirmation link): like the password reset (teilhabe.core.throttling).
SUBSCRIBE_LIMIT = 5
FORM_NAME = "participation-subscribe"
FIELD_OF = {"body": "topic", "field_title": "topic", "topic": "topic", "email": "email",
            "frequency": "frequency", "language": "language", "proposal": None}


def _user(request: TenantRequest) -> User | None:
    user = request.user
    if isinstance(user, User) and user.is_authenticated and user.email:
        return user
    return None


def _throttled(request: TenantRequest) -> HttpResponse:
    minutes = round(RESET_WINDOW.total_seconds() / 60)
    response = render(request, "portal/participation/subscribe_throttled.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(int(RESET_WINDOW.total_seconds()))
    return response


def _add_errors(form: Any, error: ValidationError) -> None:
    for name, errors in error.message_dict.items():
        target = FIELD_OF.get(name, name)
        for message in errors:
            form.add_error(target if target in form.fields else None, message)


def _topic(value: str) -> tuple[str, dict[str, Any]]:
    """The form's topic value ("all", "body:<id>", "field:<title>") as the service's arguments."""
    kind, _sep, rest = value.partition(":")
    if kind == "body" and rest.isdigit():
        return Subscription.Topic.BODY, {"body_id": int(rest)}
    if kind == "field" and rest:
        return Subscription.Topic.FIELD, {"field_title": rest}
    return Subscription.Topic.ALL, {}


def _subscribe(request: TenantRequest, *, topic: str, email: str, frequency: str, language: str = "",
               **target: Any) -> services.SubscribeResult:
    municipality = request.municipality
    body = selectors.public_body(municipality, target.pop("body_id", None)) if topic == "body" else None
    proposal = (selectors.public_proposal(municipality, target.pop("proposal_id", None))
                if topic == "proposal" else None)
    return services.subscribe(municipality=municipality, topic=topic, email=email, user=_user(request),
                              frequency=frequency, language=language or interface_language_of(request).code,
                              body=body,
                              proposal=proposal, field_title=target.get("field_title", ""))


def _answer(request: TenantRequest, result: services.SubscribeResult, back: str) -> HttpResponse:
    """A person logged in learns at once what happened; the public always gets the same answer (whether an
    address had subscribed already is nobody else's business)."""
    municipality = request.municipality
    if _user(request) is None:
        return redirect("portal:participation_subscriptions_thanks", municipality=municipality.slug)
    if result.created:
        messages.success(request, _("Sie haben %(topic)s abonniert. Die E-Mails gehen an %(email)s.") % {
            "topic": services.topic_label(result.subscription), "email": result.subscription.email})
    else:
        messages.info(request, _("Sie haben %(topic)s schon abonniert – es bleibt bei einem Abonnement.") % {
            "topic": services.topic_label(result.subscription)})
    return redirect(back)


@require_http_methods(["GET", "POST"])
def subscribe(request: TenantRequest) -> HttpResponse:
    municipality = request.municipality
    user = _user(request)
    bodies, titles = selectors.public_bodies(municipality), selectors.field_titles(municipality)
    languages = mail_languages(municipality)
    here = reverse("portal:participation_subscriptions_subscribe", kwargs={"municipality": municipality.slug})
    if request.method == "POST":
        form = SubscribeForm(request.POST, bodies=bodies, field_titles=titles, languages=languages,
                             logged_in=user is not None)
        if form.is_spam:  # answer a bot like a person, but keep nothing
            return redirect("portal:participation_subscriptions_thanks", municipality=municipality.slug)
        if form.is_valid():
            data = form.cleaned_data
            if user is None and not public_form_allowed(request, FORM_NAME, data["email"], limit=SUBSCRIBE_LIMIT):
                return _throttled(request)
            topic, target = _topic(data["topic"])
            try:
                result = _subscribe(request, topic=topic, email=data.get("email", ""),
                                    frequency=data["frequency"], language=data["language"], **target)
            except ValidationError as error:
                _add_errors(form, error)
            except ServiceError as error:
                form.add_error(None, error.message)
            else:
                return _answer(request, result, here)
        messages.error(request, _("Das Abonnement wurde nicht gespeichert. Bitte prüfen Sie Ihre Eingaben."))
    else:
        initial = {"language": interface_language_of(request).code, "frequency": Subscription.Frequency.WEEKLY}
        if topic := request.GET.get("thema", "")[:250]:
            initial["topic"] = topic
        form = SubscribeForm(initial=initial, bodies=bodies, field_titles=titles, languages=languages,
                             logged_in=user is not None)
    own = selectors.of_user(municipality, user.pk) if user is not None else []
    return render(request, "portal/participation/subscribe.html", {"form": form, "account": user, "own": own})


@require_POST
def follow(request: TenantRequest) -> HttpResponse:
    """The small form of `portal/participation/_follow.html` on a proposal's page."""
    municipality = request.municipality
    user = _user(request)
    form = FollowForm(request.POST, logged_in=user is not None)
    back = request.POST.get("weiter", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=False) \
            or not back.startswith(f"/{municipality.slug}/"):
        back = reverse("portal:participation_subscriptions_subscribe", kwargs={"municipality": municipality.slug})
    if form.is_spam:
        return redirect("portal:participation_subscriptions_thanks", municipality=municipality.slug)
    if form.is_valid():
        data = form.cleaned_data
        if user is None and not public_form_allowed(request, FORM_NAME, data["email"], limit=SUBSCRIBE_LIMIT):
            return _throttled(request)
        try:
            result = _subscribe(request, topic=Subscription.Topic.PROPOSAL, email=data.get("email", ""),
                                frequency=Subscription.Frequency.IMMEDIATE, proposal_id=data["proposal"])
        except ValidationError as error:
            _add_errors(form, error)
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            return _answer(request, result, back)
    messages.error(request, _("Das Abonnement wurde nicht gespeichert. Bitte prüfen Sie Ihre Eingaben."))
    return render(request, "portal/participation/follow_failed.html", {"form": form, "back": back},
                  status=400)


def thanks(request: TenantRequest) -> HttpResponse:
    return render(request, "portal/participation/subscribe_thanks.html")


@require_http_methods(["GET", "POST"])
def confirm(request: TenantRequest, code: str) -> HttpResponse:
    """The confirmation link: GET shows the topic and a button (so that a mail scanner opening the link
    confirms nothing), POST confirms."""
    municipality = request.municipality
    try:
        if request.method == "POST":
            subscription, now = services.confirm(municipality=municipality, code=code)
            return render(request, "portal/participation/subscription_confirmed.html", {
                "subscription": subscription, "topic": services.topic_label(subscription), "now": now,
                "manage_url": reverse("portal:participation_subscriptions_manage", kwargs={
                    "municipality": municipality.slug, "token": subscription.token})})
        subscription = services.pending_by_code(municipality=municipality, code=code)
    except ServiceError as error:
        return render(request, "portal/participation/subscription_invalid.html", {"message": error.message},
                      status=404)
    return render(request, "portal/participation/subscription_confirm.html", {
        "subscription": subscription, "topic": services.topic_label(subscription)})


@csrf_exempt  # the token in the address is the secret; RFC 8058's one-click POST comes without a CSRF token
@require_http_methods(["GET", "POST"])
def manage(request: TenantRequest, token: str) -> HttpResponse:
    """The page a mail's link leads to. POST: `List-Unsubscribe=One-Click` (RFC 8058) or `aktion=alle`
    unsubscribes everything; `aktion=eines` with `abo` one topic; `aktion=haeufigkeit` sets the frequency."""
    municipality = request.municipality
    owner = selectors.by_token(municipality, token)
    if owner is None:
        return render(request, "portal/participation/subscription_invalid.html", {
            "message": _("Dieses Abonnement gibt es nicht (mehr). Vielleicht haben Sie es schon abbestellt.")},
            status=404)
    form = ManageForm(initial={"frequency": owner.frequency})
    if request.method == "POST":
        action = request.POST.get("aktion", "")
        one_click = request.POST.get("List-Unsubscribe", "") == "One-Click"
        try:
            if one_click or action == "alle":
                services.unsubscribe(municipality=municipality, token=token, everything=True)
                if one_click:
                    return HttpResponse(_("Abbestellt."), content_type="text/plain; charset=utf-8")
                return render(request, "portal/participation/unsubscribed.html")
            if action == "eines":
                number = request.POST.get("abo", "")
                if not number.isdigit() or len(number) > 10:
                    raise ServiceError(_("Bitte wählen Sie ein Abonnement aus der Liste."))
                services.unsubscribe(municipality=municipality, token=token, everything=False,
                                     subscription_id=int(number))
                messages.success(request, _("Das Abonnement ist abbestellt."))
                if selectors.by_token(municipality, token) is not None:
                    return redirect(request.path)
                rest = selectors.of_address(municipality, owner.email)  # the link's own one went: another's
                if not rest:
                    return render(request, "portal/participation/unsubscribed.html")
                return redirect("portal:participation_subscriptions_manage", municipality=municipality.slug,
                                token=rest[0].token)
            if action == "haeufigkeit":
                form = ManageForm(request.POST)
                if form.is_valid():
                    services.change_frequency(municipality=municipality, token=token,
                                              frequency=form.cleaned_data["frequency"])
                    messages.success(request, _("Gespeichert: Sie erhalten die E-Mails %(frequency)s.") % {
                        "frequency": Subscription.Frequency(form.cleaned_data["frequency"]).label})
                    return redirect(request.path)
            else:
                raise ServiceError(_("Das ist keine gültige Auswahl."))
        except (ServiceError, ValidationError) as error:
            text = error.message if isinstance(error, ServiceError) else " ".join(error.messages)
            messages.error(request, text)
    subscriptions = selectors.of_address(municipality, owner.email)
    rows = [(s, services.topic_label(s)) for s in subscriptions]
    return render(request, "portal/participation/subscription_manage.html", {
        "owner": owner, "rows": rows, "form": form}, status=400 if request.method == "POST" else 200)
