"""Keeping everyone informed: subscriptions to the whole process, a body, a field of action or a proposal, and
the digests made of the News that other services record (services.news).

- A person with an account subscribes with their account's address and is confirmed at once; the public
  subscribes by e-mail with double opt-in: a confirmation mail with a signed link (valid for
  CONFIRM_VALID_FOR); an unconfirmed subscription gets nothing and is deleted after that time (`purge_unconfirmed`,
  run by the digest task).
- Every mail carries the subscription's token link (a page to change the frequency or unsubscribe) and the
  RFC 8058 headers `List-Unsubscribe` / `List-Unsubscribe-Post`, whose POST unsubscribes from everything the
  address receives from the municipality in one step.
- `send_digests(frequency)` sends one mail per address with all News since its last mail that match its
  topics, and advances `last_sent_at` in the same transaction — a fixed number of queries for any number of
  subscribers, besides the mails themselves.

Subscriptions are personal data of people without an account: they stay out of the audit trail, and
unsubscribing deletes the row (nothing is kept)."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import smtplib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import check_for_language
from django.utils.translation import gettext as _

from teilhabe.core.errors import ServiceError
from teilhabe.core.guard import authorize
from teilhabe.core.models import Municipality, User
from teilhabe.core.roles import Actor
from teilhabe.participation.models import Body, News, Proposal, Subscription
from teilhabe.participation.permissions import MANAGE_SUBSCRIPTIONS, VIEW
from teilhabe.participation.selectors import subscriptions as selectors

logger = logging.getLogger(__name__)
MAIL_ERRORS = (OSError, smtplib.SMTPException)

CONFIRM_SALT = "teilhabe.participation.subscription.confirm"
CONFIRM_VALID_FOR = dt.timedelta(days=7)  # the confirmation link, and how long an unconfirmed subscription is kept
WEEKLY_GAP = dt.timedelta(days=6)  # a weekly subscriber gets at most one mail in this time
NEWS_HORIZON = dt.timedelta(days=35)  # a digest never reaches back further than this
EMAIL_MAX = 254
FIELD_TITLE_MAX = 200

Topic = Subscription.Topic
Frequency = Subscription.Frequency


@dataclass
class SubscribeResult:
    subscription: Subscription
    created: bool  # False: the address had subscribed to this topic already (nothing new was stored)
    confirmed: bool  # whether the subscription is confirmed (now or before)


@dataclass
class DigestResult:
    mails: int = 0
    failed: int = 0
    items: int = 0
    recipients: list[str] = field(default_factory=list)


# --- subscribing ----------------------------------------------------------------------------------------------


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def _clean_email(email: str) -> str:
    address = normalise_email(email)
    if not address:
        raise ValidationError({"email": _("Bitte geben Sie Ihre E-Mail-Adresse an.")})
    if len(address) > EMAIL_MAX:
        raise ValidationError({"email": _("Diese E-Mail-Adresse ist zu lang.")})
    try:
        validate_email(address)
    except ValidationError:
        raise ValidationError({"email": _("Bitte geben Sie eine gültige E-Mail-Adresse an.")}) from None
    return address


def mail_language(code: str) -> str:
    """The language the mails are written in: the one asked for if Teilhabe has a catalogue for it, else
    German."""
    code = (code or "").strip().lower()[:10]
    if code and code != settings.LANGUAGE_CODE and check_for_language(code):
        return code
    return str(settings.LANGUAGE_CODE)


def _target(municipality: Municipality, topic: str, *, body: Body | None, field_title: str,
            proposal: Proposal | None, public: bool) -> tuple[Body | None, str, Proposal | None]:
    """The object the topic names, checked: it belongs to the municipality and (for the public) is public."""
    if topic == Topic.ALL:
        return None, "", None
    if topic == Topic.BODY:
        if body is None or body.municipality_id != municipality.pk or (public and not body.is_public):
            raise ValidationError({"body": _("Bitte wählen Sie ein Gremium aus der Liste.")})
        return body, "", None
    if topic == Topic.FIELD:
        title = (field_title or "").strip()
        if not title or len(title) > FIELD_TITLE_MAX or title not in selectors.field_titles(municipality):
            raise ValidationError({"field_title": _("Bitte wählen Sie ein Handlungsfeld aus der Liste.")})
        return None, title, None
    if topic == Topic.PROPOSAL:
        if proposal is None or proposal.municipality_id != municipality.pk or (public and not proposal.is_public):
            raise ValidationError({"proposal": _("Diesem Vorschlag kann man nicht folgen.")})
        return None, "", proposal
    raise ValidationError({"topic": _("Bitte wählen Sie, worüber Sie informiert werden möchten.")})


def _frequency(value: str) -> str:
    if value not in Frequency.values:
        raise ValidationError({"frequency": _("Bitte wählen Sie „sofort“ oder „wöchentlich“.")})
    return value


def subscribe(*, municipality: Municipality, topic: str, email: str = "", user: User | None = None,
              frequency: str = Frequency.WEEKLY, language: str = "de", body: Body | None = None,
              field_title: str = "", proposal: Proposal | None = None) -> SubscribeResult:
    """Subscribe an address to a topic. With `user` (a person logged in) their account's address is used and
    the subscription is confirmed at once; without, it waits for the confirmation link, which is mailed once
    the transaction commits. The same address and topic twice store nothing new (`created` False); a person
    logged in confirms a pending one that way."""
    public = user is None
    if user is not None:
        if not user.email:
            raise ServiceError(_("Ihr Konto hat keine E-Mail-Adresse. Bitte tragen Sie zuerst eine ein."))
        address = _clean_email(user.email)
    else:
        address = _clean_email(email)
    frequency = _frequency(frequency)
    body, field_title, proposal = _target(municipality, topic, body=body, field_title=field_title,
                                          proposal=proposal, public=public)
    now = timezone.now()
    with transaction.atomic():
        existing = (selectors.same_topic(municipality, address, topic, body=body, field_title=field_title,
                                         proposal=proposal).select_for_update().first())
        if existing is not None:
            if user is not None and existing.confirmed_at is None:
                existing.confirmed_at, existing.user = now, user
                existing.save(update_fields=["confirmed_at", "user"])
            elif existing.confirmed_at is None:  # asked again before confirming: the link once more
                municipality_id, existing_id = municipality.pk, existing.pk
                transaction.on_commit(lambda: _enqueue_confirmation(municipality_id, existing_id))
            return SubscribeResult(existing, created=False, confirmed=existing.confirmed_at is not None)
        subscription = Subscription(
            municipality=municipality, email=address, user=user, topic=topic, body=body, field_title=field_title,
            proposal=proposal, frequency=frequency, language=mail_language(language),
            token=secrets.token_urlsafe(32), confirmed_at=now if user is not None else None)
        subscription.full_clean(validate_unique=False, validate_constraints=False)
        try:
            with transaction.atomic():
                subscription.save()
        except IntegrityError:  # the same subscription, stored by a request running at the same moment
            same = selectors.same_topic(municipality, address, topic, body=body, field_title=field_title,
                                        proposal=proposal).first()
            if same is None:
                raise
            return SubscribeResult(same, created=False, confirmed=same.confirmed_at is not None)
        if subscription.confirmed_at is None:
            municipality_id, subscription_id = municipality.pk, subscription.pk
            transaction.on_commit(lambda: _enqueue_confirmation(municipality_id, subscription_id))
    return SubscribeResult(subscription, created=True, confirmed=subscription.confirmed_at is not None)


def subscribe_member(*, actor: Actor, body: Body, frequency: str = Frequency.WEEKLY) -> SubscribeResult:
    """A member in the back office subscribes to one of their bodies (or any body they may see) with their
    account's address: confirmed at once, in the back office's language."""
    authorize(actor, VIEW, body)
    user = User.objects.filter(pk=actor.user_id or 0).first()
    if user is None:
        raise ServiceError(_("Dazu fehlt Ihnen die Berechtigung."))
    return subscribe(municipality=body.municipality, topic=Topic.BODY, user=user, frequency=frequency,
                     language=translation.get_language() or "de", body=body)


def _enqueue_confirmation(municipality_id: int, subscription_id: int) -> None:
    from teilhabe.participation import subscription_tasks

    try:
        subscription_tasks.send_confirmation.enqueue(municipality_id, subscription_id)
    except Exception:  # the subscription stands; the person can ask again
        logger.exception("Abonnement %s: Bestätigungs-E-Mail nicht eingeplant", subscription_id)


# --- confirming, changing, unsubscribing -------------------------------------------------------------------


def confirmation_code(subscription: Subscription) -> str:
    """The signed, time-limited code of the confirmation link."""
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(subscription.token)


def _unsigned_token(code: str) -> str:
    try:
        return signing.TimestampSigner(salt=CONFIRM_SALT).unsign(
            (code or "")[:200], max_age=CONFIRM_VALID_FOR)
    except signing.SignatureExpired:
        raise ServiceError(_("Dieser Bestätigungslink ist abgelaufen. Bitte abonnieren Sie noch einmal.")) from None
    except signing.BadSignature:
        raise ServiceError(_("Dieser Bestätigungslink ist ungültig.")) from None


def pending_by_code(*, municipality: Municipality, code: str) -> Subscription:
    """The subscription a confirmation link names (confirmed or not), or ServiceError."""
    subscription = selectors.by_token(municipality, _unsigned_token(code))
    if subscription is None:
        raise ServiceError(_("Dieses Abonnement gibt es nicht mehr. Bitte abonnieren Sie noch einmal."))
    return subscription


def confirm(*, municipality: Municipality, code: str) -> tuple[Subscription, bool]:
    """Confirm the subscription the link names. Returns it and whether this call confirmed it (False: it was
    confirmed before; the link works once)."""
    token = _unsigned_token(code)
    with transaction.atomic():
        subscription = selectors.by_token(municipality, token, for_update=True)
        if subscription is None:
            raise ServiceError(_("Dieses Abonnement gibt es nicht mehr. Bitte abonnieren Sie noch einmal."))
        if subscription.confirmed_at is not None:
            return subscription, False
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return subscription, True


def _by_token(municipality: Municipality, token: str) -> Subscription:
    subscription = selectors.by_token(municipality, token)
    if subscription is None:
        raise ServiceError(_("Dieses Abonnement gibt es nicht (mehr). Vielleicht haben Sie es schon abbestellt."))
    return subscription


def unsubscribe(*, municipality: Municipality, token: str, everything: bool = True,
                subscription_id: int | None = None) -> int:
    """Unsubscribe by the token of a mail's link: from everything the address receives from the municipality
    (`everything`, the one-click way) or only from the subscription `subscription_id` of that address. The rows
    are deleted. Returns how many."""
    with transaction.atomic():
        owner = _by_token(municipality, token)
        rows = Subscription.objects.of(municipality).filter(email=owner.email)
        if not everything:
            rows = rows.filter(pk=subscription_id or 0)
        deleted, _by_model = rows.delete()
    return deleted


def change_frequency(*, municipality: Municipality, token: str, frequency: str) -> int:
    """Set how often the address of the token's subscription gets mail (all its subscriptions)."""
    frequency = _frequency(frequency)
    with transaction.atomic():
        owner = _by_token(municipality, token)
        return Subscription.objects.of(municipality).filter(email=owner.email).update(frequency=frequency)


def unsubscribe_by_staff(*, actor: Actor, municipality: Municipality, subscription_id: int) -> Subscription:
    """Koordination removes a subscription for someone who asks (found by the address)."""
    authorize(actor, MANAGE_SUBSCRIPTIONS, municipality)
    with transaction.atomic():
        subscription = Subscription.objects.of(municipality).filter(pk=subscription_id).first()
        if subscription is None:
            raise ServiceError(_("Dieses Abonnement gibt es nicht (mehr)."))
        subscription.delete()
    return subscription


def unsubscribe_member(*, actor: Actor, municipality: Municipality, subscription_id: int) -> None:
    """A person in the back office ends one of their own subscriptions."""
    authorize(actor, VIEW, municipality)
    with transaction.atomic():
        deleted, _by_model = Subscription.objects.of(municipality).filter(
            pk=subscription_id, user_id=actor.user_id).delete()
    if not deleted:
        raise ServiceError(_("Dieses Abonnement gibt es nicht (mehr)."))


def purge_unconfirmed(*, municipality: Municipality, now: dt.datetime | None = None) -> int:
    """Delete the subscriptions nobody confirmed within CONFIRM_VALID_FOR."""
    now = now or timezone.now()
    deleted, _by_model = Subscription.objects.of(municipality).filter(
        confirmed_at__isnull=True, created_at__lt=now - CONFIRM_VALID_FOR).delete()
    return deleted


# --- mails ----------------------------------------------------------------------------------------------------


def _base(base_url: str) -> str:
    return (base_url or settings.TEILHABE_BASE_URL).rstrip("/")


def manage_url(subscription: Subscription, base_url: str = "") -> str:
    return _base(base_url) + reverse("portal:participation_subscriptions_manage", kwargs={
        "municipality": subscription.municipality.slug, "token": subscription.token})


def confirm_url(subscription: Subscription, base_url: str = "") -> str:
    return _base(base_url) + reverse("portal:participation_subscriptions_confirm", kwargs={
        "municipality": subscription.municipality.slug, "code": confirmation_code(subscription)})


def topic_label(subscription: Subscription) -> str:
    """What the subscription is about, in the active language."""
    if subscription.topic == Topic.BODY and subscription.body is not None:
        return _("Gremium „%(name)s“") % {"name": subscription.body.name}
    if subscription.topic == Topic.FIELD:
        return _("Handlungsfeld „%(title)s“") % {"title": subscription.field_title}
    if subscription.topic == Topic.PROPOSAL and subscription.proposal is not None:
        return _("Vorschlag „%(title)s“") % {"title": subscription.proposal.title}
    return _("der ganze Beteiligungsprozess")


def _with_unsubscribe_headers(message: EmailMessage, url: str) -> EmailMessage:
    message.extra_headers["List-Unsubscribe"] = f"<{url}>"
    message.extra_headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return message


def confirmation_message(subscription: Subscription, base_url: str = "") -> EmailMessage:
    municipality = subscription.municipality
    with translation.override(subscription.language):
        subject = _("Bitte bestätigen Sie Ihr Abonnement – %(municipality)s") % {"municipality": municipality.name}
        body = render_to_string("participation/mail/subscription_confirm.txt", {
            "municipality": municipality, "topic": topic_label(subscription),
            "frequency": subscription.get_frequency_display(), "url": confirm_url(subscription, base_url),
            "days": CONFIRM_VALID_FOR.days,
        }).strip() + "\n"
    return EmailMessage(subject=subject[:200], body=body, to=[subscription.email])


def send_confirmation(*, municipality: Municipality, subscription_id: int, base_url: str = "") -> bool:
    """Mail the confirmation link of a pending subscription (nothing if it is confirmed or gone)."""
    subscription = (Subscription.objects.of(municipality).select_related("municipality", "body", "proposal")
                    .filter(pk=subscription_id, confirmed_at__isnull=True).first())
    if subscription is None:
        return False
    return all(_send([confirmation_message(subscription, base_url)], "Bestätigung"))


@dataclass
class _Recipient:
    email: str
    subscriptions: list[Subscription]
    items: list[News]


def _matches(subscription: Subscription, news: News) -> bool:
    if subscription.topic == Topic.ALL:
        return True
    if subscription.topic == Topic.BODY:
        return news.body_id is not None and news.body_id == subscription.body_id
    if subscription.topic == Topic.FIELD:
        return subscription.field_title in (news.field_titles or [])
    if subscription.topic == Topic.PROPOSAL:
        return news.proposal_id is not None and news.proposal_id == subscription.proposal_id
    return False


def digest_recipients(subscriptions: Sequence[Subscription], news: Sequence[News]) -> list[_Recipient]:
    """Per address, the news since each of its subscriptions' last mail (or confirmation) that match them,
    oldest first, each once."""
    by_email: dict[str, list[Subscription]] = defaultdict(list)
    for subscription in subscriptions:
        by_email[subscription.email].append(subscription)
    recipients = []
    for email, own in by_email.items():
        picked: dict[int, News] = {}
        for subscription in own:
            since = subscription.last_sent_at or subscription.confirmed_at
            for item in news:
                if (since is None or item.at > since) and _matches(subscription, item):
                    picked[item.pk] = item
        items = sorted(picked.values(), key=lambda n: (n.at, n.pk))
        recipients.append(_Recipient(email, own, items))
    return recipients


KIND_ORDER = [News.Kind.MEETING, News.Kind.MINUTES, News.Kind.DECISION, News.Kind.PROPOSAL,
              News.Kind.PRIORITISATION]


def _kind_heading(kind: str) -> str:
    headings: dict[str, str] = {
        News.Kind.MEETING: _("Neue Sitzungen"),
        News.Kind.MINUTES: _("Veröffentlichte Protokolle"),
        News.Kind.DECISION: _("Beschlüsse"),
        News.Kind.PROPOSAL: _("Vorschläge"),
        News.Kind.PRIORITISATION: _("Priorisierungen"),
    }
    return headings.get(kind, kind)


def digest_message(municipality: Municipality, recipient: _Recipient, frequency: str,
                   base_url: str = "") -> EmailMessage:
    # The newest subscription's language and token: the link leads to a page with all of the address's.
    newest = max(recipient.subscriptions, key=lambda s: (s.created_at, s.pk))
    base = _base(base_url)
    url = manage_url(newest, base)
    with translation.override(newest.language):
        groups = []
        for kind in KIND_ORDER:
            items = [n for n in recipient.items if n.kind == kind]
            if items:
                groups.append({"heading": _kind_heading(kind), "items": [
                    {"text": n.text, "at": timezone.localtime(n.at),
                     "url": base + n.url if n.url.startswith("/") else ""} for n in items]})
        if frequency == Frequency.WEEKLY:
            subject = _("Beteiligung in %(municipality)s: Ihr Wochenüberblick") % {"municipality": municipality.name}
        else:
            subject = _("Beteiligung in %(municipality)s: Neuigkeiten") % {"municipality": municipality.name}
        topics = sorted({topic_label(s) for s in recipient.subscriptions})
        body = render_to_string("participation/mail/digest.txt", {
            "municipality": municipality, "groups": groups, "topics": topics, "manage_url": url,
            "subscribe_url": base + reverse("portal:participation_subscriptions_subscribe",
                                            kwargs={"municipality": municipality.slug}),
        }).strip() + "\n"
    message = EmailMessage(subject=subject[:200], body=body, to=[recipient.email])
    return _with_unsubscribe_headers(message, url)


def send_digests(*, municipality: Municipality, frequency: str, now: dt.datetime | None = None,
                 base_url: str = "") -> DigestResult:
    """Send the municipality's digests of one frequency: to every confirmed address due (weekly: not mailed in
    the last WEEKLY_GAP), one mail with the news since its last mail that match its subscriptions. The
    subscriptions are locked for the run (a second run at the same moment skips them on PostgreSQL) and
    `last_sent_at` moves on for every one considered whose mail went out or who had nothing new, in one
    UPDATE of the same transaction. Queries: subscriptions, news, the update — whatever the number of
    subscribers."""
    frequency = _frequency(frequency)
    now = now or timezone.now()
    result = DigestResult()
    due = Q(frequency=frequency, confirmed_at__isnull=False, confirmed_at__lte=now)
    if frequency == Frequency.WEEKLY:
        due &= Q(last_sent_at__isnull=True) | Q(last_sent_at__lte=now - WEEKLY_GAP)
    with transaction.atomic():
        subscriptions = selectors.due_subscriptions(municipality, due)
        if not subscriptions:
            return result
        oldest = min((s.last_sent_at or s.confirmed_at or now) for s in subscriptions)
        news = selectors.news_between(municipality, max(oldest, now - NEWS_HORIZON), now)
        recipients = [r for r in digest_recipients(subscriptions, news) if r.items]
        messages = [digest_message(municipality, r, frequency, base_url) for r in recipients]
        sent = _send(messages, f"Beteiligung {municipality.slug} ({frequency})")
        failed = {s.pk for r, ok in zip(recipients, sent, strict=True) if not ok for s in r.subscriptions}
        Subscription.objects.of(municipality).filter(due, pk__in=[s.pk for s in subscriptions]).exclude(
            pk__in=failed).update(last_sent_at=now)
    for recipient, ok in zip(recipients, sent, strict=True):
        if ok:
            result.mails += 1
            result.items += len(recipient.items)
            result.recipients.append(recipient.email)
        else:
            result.failed += 1
    return result


def _send(messages: Sequence[EmailMessage], what: str) -> list[bool]:
    """Send each message over one connection; a failure is logged and does not stop the others."""
    if not messages:
        return []
    try:
        connection = get_connection()
        connection.open()
    except MAIL_ERRORS:
        logger.exception("%s: Verbindung zum Mailserver fehlgeschlagen", what)
        return [False] * len(messages)
    sent = []
    try:
        for message in messages:
            message.connection = connection
            try:
                sent.append(bool(message.send()))
            except MAIL_ERRORS:
                logger.exception("%s: E-Mail nicht gesendet", what)  # no address in the log
                sent.append(False)
    finally:
        try:
            connection.close()
        except MAIL_ERRORS:
            logger.exception("%s: Verbindung zum Mailserver nicht sauber geschlossen", what)
    return sent
