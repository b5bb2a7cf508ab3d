"""Subscriptions and digests through the services: double opt-in for the public, confirmed at once with an
account, one subscription per address and topic, bad input refused with nothing stored, digests that match
topics, advance `last_sent_at` once and run a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from teilhabe.core.errors import NotAllowed, ServiceError
from teilhabe.core.models import Municipality, User
from teilhabe.core.roles import Role
from teilhabe.core.tenancy import actor_for, municipality_scope
from teilhabe.participation.models import Body, Meeting, News, Proposal, Subscription
from teilhabe.participation.services import subscriptions as services
from teilhabe.participation.services.news import record_news
from teilhabe.plans.models import Plan

Topic = Subscription.Topic
Frequency = Subscription.Frequency


def _news(municipality: Municipality, text: str, *, kind: str = News.Kind.MEETING, body: Body | None = None,
          fields: tuple[str, ...] = (), proposal: Proposal | None = None, url: str = "") -> News:
    return record_news(municipality=municipality, kind=News.Kind(kind), text=text, body=body, field_titles=fields,
                       proposal=proposal, url=url)


def _confirmed(municipality: Municipality, email: str, topic: str = Topic.ALL, **kwargs: object) -> Subscription:
    result = services.subscribe(municipality=municipality, topic=topic, email=email, **kwargs)  # type: ignore[arg-type]
    services.confirm(municipality=municipality, code=services.confirmation_code(result.subscription))
    result.subscription.refresh_from_db()
    return result.subscription


def test_the_public_subscribes_pending_and_nothing_is_sent_before_confirmation(
        municipality: Municipality, body: Body, django_capture_on_commit_callbacks: Callable[..., object]) -> None:
    result = services.subscribe(municipality=municipality, topic=Topic.BODY, body=body, email=" Ayse@Example.ORG ",
                                frequency=Frequency.IMMEDIATE, language="en")
    assert result.created and not result.confirmed
    subscription = result.subscription
    assert subscription.email == "ayse@example.org" and subscription.language == "en"
    assert subscription.confirmed_at is None and len(subscription.token) >= 40
    _news(municipality, "Neue Sitzung der AG Bildung", body=body)
    outcome = services.send_digests(municipality=municipality, frequency=Frequency.IMMEDIATE)
    assert outcome.mails == 0 and mail.outbox == []


def test_an_account_subscribes_with_its_own_address_confirmed_at_once(
        municipality: Municipality, gremium_member: User, body: Body) -> None:
    result = services.subscribe(municipality=municipality, topic=Topic.BODY, body=body, user=gremium_member,
                                email="jemand-anders@example.org")
    assert result.confirmed and result.subscription.email == gremium_member.email
    assert result.subscription.user == gremium_member


def test_the_same_address_and_topic_twice_is_one_subscription(municipality: Municipality, plan: Plan) -> None:
    first = services.subscribe(municipality=municipality, topic=Topic.FIELD, field_title="Bildung und Sprachförderung",
                               email="a@example.org")
    again = services.subscribe(municipality=municipality, topic=Topic.FIELD,
                               field_title="Bildung und Sprachförderung", email="A@EXAMPLE.org")
    whole = services.subscribe(municipality=municipality, topic=Topic.ALL, email="a@example.org")
    whole_again = services.subscribe(municipality=municipality, topic=Topic.ALL, email="a@example.org")
    assert first.created and not again.created and again.subscription.pk == first.subscription.pk
    assert whole.created and not whole_again.created
    assert Subscription.objects.count() == 2


def test_a_member_confirms_a_pending_subscription_by_subscribing_again(
        municipality: Municipality, koordination: User) -> None:
    services.subscribe(municipality=municipality, topic=Topic.ALL, email=koordination.email)
    again = services.subscribe(municipality=municipality, topic=Topic.ALL, user=koordination)
    assert not again.created and again.confirmed and Subscription.objects.get().confirmed_at is not None


@pytest.mark.parametrize("email", ["", "keine-adresse", "<script>alert(1)</script>@x.de", "a@b",
                                   "x" * 250 + "@example.org", "a@example.org\r\nBcc: b@example.org"])
def test_bad_addresses_are_refused_and_nothing_is_stored(municipality: Municipality, email: str) -> None:
    with pytest.raises(ValidationError) as caught:
        services.subscribe(municipality=municipality, topic=Topic.ALL, email=email)
    assert "email" in caught.value.message_dict
    assert not Subscription.objects.exists()


def test_a_forged_or_hidden_topic_is_refused(municipality: Municipality, other_municipality: Municipality,
                                             body: Body, plan: Plan) -> None:
    with municipality_scope(other_municipality):
        foreign = Body.objects.create(municipality=other_municipality, name="Fremdes Gremium")
    body.is_public = False
    body.save()
    for kwargs in ({"topic": Topic.BODY, "body": foreign}, {"topic": Topic.BODY, "body": body},
                   {"topic": Topic.BODY}, {"topic": Topic.FIELD, "field_title": "Gibt es nicht"},
                   {"topic": Topic.FIELD, "field_title": "<b>Bildung</b>"}, {"topic": Topic.PROPOSAL},
                   {"topic": "alles"}):
        with pytest.raises(ValidationError):
            services.subscribe(municipality=municipality, email="a@example.org", **kwargs)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        services.subscribe(municipality=municipality, topic=Topic.ALL, email="a@example.org", frequency="täglich")
    assert not Subscription.objects.exists()


def test_confirmation_codes_are_signed_and_expire(municipality: Municipality) -> None:
    subscription = services.subscribe(municipality=municipality, topic=Topic.ALL, email="a@example.org").subscription
    forged = signing.TimestampSigner(salt="etwas-anderes").sign(subscription.token)
    for code in (forged, subscription.token, "", "a" * 5000, services.confirmation_code(subscription) + "x"):
        with pytest.raises(ServiceError):
            services.confirm(municipality=municipality, code=code)
    code = services.confirmation_code(subscription)
    with pytest.raises(ServiceError, match="abgelaufen"):
        later = timezone.now() + services.CONFIRM_VALID_FOR + dt.timedelta(minutes=1)
        from unittest import mock
        with mock.patch("time.time", return_value=later.timestamp()):
            services.confirm(municipality=municipality, code=code)
    assert Subscription.objects.get().confirmed_at is None
    confirmed, now = services.confirm(municipality=municipality, code=code)
    assert now and confirmed.confirmed_at is not None
    _again, now_again = services.confirm(municipality=municipality, code=code)
    assert not now_again  # the link works once; a second use changes nothing


def test_a_code_of_another_municipality_confirms_nothing(municipality: Municipality,
                                                         other_municipality: Municipality) -> None:
    with municipality_scope(other_municipality):
        foreign = services.subscribe(municipality=other_municipality, topic=Topic.ALL,
                                     email="a@example.org").subscription
    with pytest.raises(ServiceError):
        services.confirm(municipality=municipality, code=services.confirmation_code(foreign))
    with municipality_scope(other_municipality):
        assert Subscription.objects.get().confirmed_at is None


def test_unsubscribe_and_change_frequency_by_token(municipality: Municipality, body: Body, plan: Plan) -> None:
    everything = _confirmed(municipality, "a@example.org")
    group = _confirmed(municipality, "a@example.org", Topic.BODY, body=body)
    other = _confirmed(municipality, "b@example.org")
    assert services.change_frequency(municipality=municipality, token=group.token, frequency=Frequency.IMMEDIATE) == 2
    assert set(Subscription.objects.filter(email="a@example.org").values_list("frequency", flat=True)) == {"immediate"}
    assert services.unsubscribe(municipality=municipality, token=everything.token, everything=False,
                                subscription_id=group.pk) == 1
    assert services.unsubscribe(municipality=municipality, token=everything.token, everything=False,
                                subscription_id=other.pk) == 0  # another address's: untouched
    assert services.unsubscribe(municipality=municipality, token=everything.token) == 1
    assert list(Subscription.objects.values_list("email", flat=True)) == ["b@example.org"]
    for token in (everything.token, "", "x" * 500):
        with pytest.raises(ServiceError):
            services.unsubscribe(municipality=municipality, token=token)


def test_unconfirmed_subscriptions_are_deleted_after_seven_days(municipality: Municipality) -> None:
    old = services.subscribe(municipality=municipality, topic=Topic.ALL, email="alt@example.org").subscription
    Subscription.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=8))
    services.subscribe(municipality=municipality, topic=Topic.ALL, email="neu@example.org")
    kept = _confirmed(municipality, "bestaetigt@example.org")
    Subscription.objects.filter(pk=kept.pk).update(created_at=timezone.now() - dt.timedelta(days=30))
    assert services.purge_unconfirmed(municipality=municipality) == 1
    assert sorted(Subscription.objects.values_list("email", flat=True)) == ["bestaetigt@example.org",
                                                                           "neu@example.org"]


def test_digests_match_topics_and_go_out_once(municipality: Municipality, body: Body, other_body: Body,
                                              plan: Plan) -> None:
    whole = _confirmed(municipality, "alles@example.org", frequency=Frequency.IMMEDIATE)
    group = _confirmed(municipality, "ag@example.org", Topic.BODY, body=body, frequency=Frequency.IMMEDIATE)
    field = _confirmed(municipality, "feld@example.org", Topic.FIELD, field_title="Ausbildung und Arbeitsmarkt",
                       frequency=Frequency.IMMEDIATE)
    weekly = _confirmed(municipality, "woche@example.org")
    _news(municipality, "Sitzung der AG Bildung am 10. März", body=body, url="/heidelberg/beteiligung/sitzungen/1/")
    _news(municipality, "Protokoll der AG Arbeit", kind=News.Kind.MINUTES, body=other_body,
          fields=("Ausbildung und Arbeitsmarkt",))
    outcome = services.send_digests(municipality=municipality, frequency=Frequency.IMMEDIATE,
                                    base_url="https://teilhabe.example")
    assert outcome.mails == 3 and outcome.failed == 0
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {whole.email, group.email, field.email}
    assert "Sitzung der AG Bildung" in by_address[whole.email].body
    assert "Protokoll der AG Arbeit" in by_address[whole.email].body
    assert "https://teilhabe.example/heidelberg/beteiligung/sitzungen/1/" in by_address[whole.email].body
    assert "Protokoll" not in by_address[group.email].body
    assert "AG Bildung" not in by_address[field.email].body
    message = by_address[group.email]
    manage = f"https://teilhabe.example/heidelberg/beteiligung/abbestellen/{group.token}/"
    assert message.extra_headers["List-Unsubscribe"] == f"<{manage}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert manage in message.body
    assert Subscription.objects.get(pk=weekly.pk).last_sent_at is None
    mail.outbox.clear()
    assert services.send_digests(municipality=municipality, frequency=Frequency.IMMEDIATE).mails == 0
    assert mail.outbox == []
    _news(municipality, "Beschluss der AG Bildung", kind=News.Kind.DECISION, body=body)
    services.send_digests(municipality=municipality, frequency=Frequency.IMMEDIATE)
    assert sorted(m.to[0] for m in mail.outbox) == [group.email, whole.email]
    assert all("Sitzung der AG" not in m.body for m in mail.outbox)  # only what is new since the last mail


def test_one_mail_per_address_in_its_language_grouped_by_kind(municipality: Municipality, body: Body,
                                                              plan: Plan) -> None:
    _confirmed(municipality, "a@example.org", frequency=Frequency.IMMEDIATE, language="en")
    _confirmed(municipality, "a@example.org", Topic.BODY, body=body, frequency=Frequency.IMMEDIATE, language="en")
    _news(municipality, "Neue Sitzung", body=body)
    _news(municipality, "Protokoll veröffentlicht", kind=News.Kind.MINUTES, body=body)
    services.send_digests(municipality=municipality, frequency=Frequency.IMMEDIATE)
    [message] = mail.outbox
    assert message.body.startswith("Hello,")  # English, from the catalogue
    assert message.body.count("- Neue Sitzung (") == 1  # matched by both subscriptions, told once
    assert message.body.index("- Neue Sitzung (") < message.body.index("- Protokoll veröffentlicht (")


def test_news_of_a_hidden_body_or_meeting_or_an_unpublished_proposal_is_not_sent(municipality: Municipality, body: Body,
                                                                      plan: Plan) -> None:
    _confirmed(municipality, "a@example.org", frequency=Frequency.IMMEDIATE)
    body.is_public = False
    body.save()
    proposal = Proposal.objects.create(municipality=municipality, title="Elterncafé", text="Text",
                                       moderation=Proposal.Moderation.PENDING)
    _news(municipality, "Intern", body=body)
    _news(municipality, "Noch nicht freigegeben", kind=News.Kind.PROPOSAL, proposal=proposal)
    closed = Meeting.objects.create(municipality=municipality, title="Interne Sitzung", is_public=False,
                                    starts_at=timezone.now(), ends_at=timezone.now() + dt.timedelta(hours=1))
    record_news(municipality=municipality, kind=News.Kind.MEETING, text="Einladung: Interne Sitzung",
                meeting=closed)
    assert services.send_digests(municipality=municipality, frequency=Frequency.IMMEDIATE).mails == 0


def test_weekly_digests_wait_six_days(municipality: Municipality) -> None:
    subscription = _confirmed(municipality, "a@example.org")
    _news(municipality, "Erste Neuigkeit")
    assert services.send_digests(municipality=municipality, frequency=Frequency.WEEKLY).mails == 1
    _news(municipality, "Zweite Neuigkeit")
    assert services.send_digests(municipality=municipality, frequency=Frequency.WEEKLY).mails == 0
    later = timezone.now() + dt.timedelta(days=7)
    outcome = services.send_digests(municipality=municipality, frequency=Frequency.WEEKLY, now=later)
    assert outcome.mails == 1 and "Zweite Neuigkeit" in mail.outbox[-1].body
    assert Subscription.objects.get(pk=subscription.pk).last_sent_at == later


def test_a_failed_mail_is_tried_again(municipality: Municipality, settings: object) -> None:
    _confirmed(municipality, "a@example.org", frequency=Frequency.IMMEDIATE)
    _news(municipality, "Neuigkeit")
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"  # type: ignore[attr-defined]
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # type: ignore[attr-defined]  # nothing listens
    outcome = services.send_digests(municipality=municipality, frequency=Frequency.IMMEDIATE)
    assert outcome.mails == 0 and outcome.failed == 1
    assert Subscription.objects.get().last_sent_at is None


def test_digest_queries_do_not_grow_with_subscribers(municipality: Municipality, body: Body, plan: Plan) -> None:
    def run(count: int, offset: int) -> int:
        for number in range(count):
            _confirmed(municipality, f"p{offset + number}@example.org", frequency=Frequency.IMMEDIATE)
            _confirmed(municipality, f"p{offset + number}@example.org", Topic.BODY, body=body,
                       frequency=Frequency.IMMEDIATE)
        _news(municipality, f"Neuigkeit {offset}", body=body)
        mail.outbox.clear()
        with CaptureQueriesContext(connection) as queries:
            outcome = services.send_digests(municipality=municipality, frequency=Frequency.IMMEDIATE)
        assert outcome.mails == count + offset  # everyone confirmed before gets the new item too
        return len(queries)

    few = run(3, 0)
    many = run(9, 3)
    assert few == many <= 6


def test_members_subscribe_to_their_bodies_in_one_step(municipality: Municipality, gremium_member: User,
                                                       body: Body, other_body: Body) -> None:
    actor = actor_for(gremium_member, municipality)
    result = services.subscribe_member(actor=actor, body=body)
    assert result.created and result.confirmed
    assert not services.subscribe_member(actor=actor, body=body).created
    with pytest.raises(NotAllowed):
        services.subscribe_member(actor=actor, body=other_body)


def test_only_koordination_removes_subscriptions_of_others(municipality: Municipality, koordination: User,
                                                           make_member: Callable[..., User]) -> None:
    subscription = _confirmed(municipality, "a@example.org")
    lesend = make_member(municipality, Role.LESEND, "leser")
    with pytest.raises(NotAllowed):
        services.unsubscribe_by_staff(actor=actor_for(lesend, municipality), municipality=municipality,
                                      subscription_id=subscription.pk)
    services.unsubscribe_by_staff(actor=actor_for(koordination, municipality), municipality=municipality,
                                  subscription_id=subscription.pk)
    assert not Subscription.objects.exists()


def test_the_command_sends_the_digests(municipality: Municipality, body: Body) -> None:
    from io import StringIO

    from django.core.management import call_command

    from teilhabe.core.tenancy import no_municipality

    _confirmed(municipality, "a@example.org")
    _news(municipality, "Neuigkeit", body=body)
    out = StringIO()
    with no_municipality():
        call_command("send_digests", "heidelberg", "--frequency", "weekly", stdout=out)
    assert "1 E-Mails gesendet" in out.getvalue() and mail.outbox[0].to == ["a@example.org"]
    with no_municipality():
        call_command("send_digests", "--frequency", "weekly", stdout=out)
    assert len(mail.outbox) == 1


def test_the_weekly_run_falls_on_monday_morning_local_time() -> None:
    from zoneinfo import ZoneInfo

    from teilhabe.participation.subscription_tasks import next_weekly_run

    berlin = ZoneInfo("Europe/Berlin")
    sunday = dt.datetime(2027, 3, 28, 12, tzinfo=berlin)  # the night the clocks go forward
    assert next_weekly_run(sunday) == dt.datetime(2027, 3, 29, 7, tzinfo=berlin)
    monday_early = dt.datetime(2027, 3, 29, 6, 59, tzinfo=berlin)
    assert next_weekly_run(monday_early) == dt.datetime(2027, 3, 29, 7, tzinfo=berlin)
    monday_later = dt.datetime(2027, 3, 29, 7, 0, tzinfo=berlin)
    assert next_weekly_run(monday_later) == dt.datetime(2027, 4, 5, 7, tzinfo=berlin)


def test_a_new_public_meeting_reaches_the_body_and_field_subscribers(
        municipality: Municipality, coord_actor: object, body: Body, plan: Plan) -> None:
    from teilhabe.participation.services import meetings as meeting_services

    group = _confirmed(municipality, "ag@example.org", Topic.BODY, body=body, frequency=Frequency.IMMEDIATE)
    other = _confirmed(municipality, "anderes@example.org", Topic.FIELD, field_title="Ausbildung und Arbeitsmarkt",
                       frequency=Frequency.IMMEDIATE)
    start = timezone.now() + dt.timedelta(days=10)
    meeting_services.create_meeting(actor=coord_actor, municipality=municipality, values={  # type: ignore[arg-type]
        "title": "Fokusgruppenrunde 1", "kind": "focus_group_round", "starts_at": start,
        "ends_at": start + dt.timedelta(hours=3), "place": "Rathaus", "is_public": True, "body": body})
    outcome = services.send_digests(municipality=municipality, frequency=Frequency.IMMEDIATE,
                                    base_url="https://teilhabe.example")
    assert outcome.recipients == [group.email] and other.email not in outcome.recipients
    [message] = mail.outbox
    assert "Fokusgruppenrunde 1" in message.body and "https://teilhabe.example/heidelberg/" in message.body
