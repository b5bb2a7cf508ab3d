"""Keeping everyone informed, against the real SMTP server process and the real task worker: the double
opt-in (no mail but the confirmation before it), the digest with the right items and the unsubscribe headers,
unsubscribing by the link and by RFC 8058's one-click POST, no mail twice."""

from __future__ import annotations

import re
from collections.abc import Callable
from email.message import EmailMessage
from typing import Any
from urllib.parse import urlsplit

from django.test import Client

from teilhabe.core.models import Municipality, User
from teilhabe.participation import subscription_tasks
from teilhabe.participation.models import Body, News, Subscription
from teilhabe.participation.services.news import record_news

URL = re.compile(r"https?://\S+")


def _path(url: str) -> str:
    return urlsplit(url).path


def _links(message: EmailMessage) -> list[str]:
    return URL.findall(message.get_content())


def _digest_run(run_tasks: Callable[[], list[Any]], frequency: str = "immediate") -> None:
    subscription_tasks.send_digests.enqueue(frequency)
    results = run_tasks()
    assert results and all(r.status == "SUCCESSFUL" for r in results), [r.status for r in results]


def _subscribe(client: Client, body: Body, email: str, capture: Callable[..., Any]) -> None:
    with capture(execute=True):
        response = client.post("/heidelberg/beteiligung/abonnieren/", {
            "topic": f"body:{body.pk}", "frequency": "immediate", "language": "de", "email": email,
            "consent": "on"})
    assert response.status_code == 302 and response["Location"].endswith("/beteiligung/abonnieren/danke/")


def test_double_opt_in_digest_and_one_click_unsubscribe(
        municipality: Municipality, body: Body, smtp_server: Any, run_tasks: Callable[[], list[Any]],
        django_capture_on_commit_callbacks: Callable[..., Any]) -> None:
    client = Client(enforce_csrf_checks=False)
    _subscribe(client, body, "Ayse.Demir@Example.org", django_capture_on_commit_callbacks)
    run_tasks()  # the confirmation mail
    [confirmation] = smtp_server.wait_for(1)
    assert confirmation["To"] == "ayse.demir@example.org"
    assert "bestätigen" in confirmation["Subject"]
    [link] = [u for u in _links(confirmation) if "/bestaetigen/" in u]

    # Before the confirmation: news, a digest run — nothing but the confirmation mail.
    record_news(municipality=municipality, kind=News.Kind.MEETING, text="Vor der Bestätigung", body=body)
    _digest_run(run_tasks)
    assert len(smtp_server.messages()) == 1

    page = client.get(_path(link))
    assert page.status_code == 200 and "Ja, Abonnement bestätigen" in page.content.decode()
    assert Subscription.objects.get().confirmed_at is None  # opening the link confirms nothing yet
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.get(_path(link))
    done = csrf_client.post(_path(link), {"csrfmiddlewaretoken": csrf_client.cookies["csrftoken"].value})
    assert done.status_code == 200 and Subscription.objects.get().confirmed_at is not None

    record_news(municipality=municipality, kind=News.Kind.MEETING, text="Sitzung der AG Bildung am 10. März",
                body=body, url="/heidelberg/beteiligung/sitzungen/1/")
    record_news(municipality=municipality, kind=News.Kind.DECISION, text="Beschluss: Elterncafé", body=body)
    _digest_run(run_tasks)
    messages = smtp_server.wait_for(2)
    digest = messages[1]
    text = digest.get_content()
    assert digest["To"] == "ayse.demir@example.org"
    assert "Sitzung der AG Bildung am 10. März" in text and "Beschluss: Elterncafé" in text
    assert "Vor der Bestätigung" not in text
    assert text.index("Neue Sitzungen") < text.index("Beschlüsse")
    assert "/heidelberg/beteiligung/sitzungen/1/" in text
    unsubscribe = digest["List-Unsubscribe"].strip().strip("<>")  # folded onto its own line: a long URL
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in _links(digest)

    _digest_run(run_tasks)  # nothing new: no mail twice
    assert len(smtp_server.messages()) == 2

    # RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" — no cookie, no CSRF token.
    one_click = Client(enforce_csrf_checks=True).post(
        _path(unsubscribe), "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert one_click.status_code == 200
    assert not Subscription.objects.exists()
    record_news(municipality=municipality, kind=News.Kind.MINUTES, text="Protokoll", body=body)
    _digest_run(run_tasks)
    assert len(smtp_server.messages()) == 2
    assert Client().get(_path(unsubscribe)).status_code == 404  # the link is spent


def test_unsubscribe_by_the_link_in_the_mail(
        municipality: Municipality, body: Body, gremium_member: User, smtp_server: Any,
        run_tasks: Callable[[], list[Any]], client_for: Callable[[User | None], Client]) -> None:
    # A member logged in on the portal subscribes without a confirmation mail.
    response = client_for(gremium_member).post("/heidelberg/beteiligung/abonnieren/", {
        "topic": "all", "frequency": "immediate", "language": "de"})
    assert response.status_code == 302
    assert Subscription.objects.get().confirmed_at is not None
    record_news(municipality=municipality, kind=News.Kind.MEETING, text="Neue Sitzung", body=body)
    _digest_run(run_tasks)
    [digest] = smtp_server.wait_for(1)
    assert digest["To"] == gremium_member.email
    [manage] = [u for u in _links(digest) if "/abbestellen/" in u]
    anonymous = Client(enforce_csrf_checks=True)
    page = anonymous.get(_path(manage))
    assert page.status_code == 200 and "Alles abbestellen" in page.content.decode()
    gone = anonymous.post(_path(manage), {"aktion": "alle"})
    assert gone.status_code == 200 and "Abbestellt" in gone.content.decode()
    assert not Subscription.objects.exists()


def test_weekly_task_plans_itself_for_monday_morning(municipality: Municipality, body: Body, smtp_server: Any,
                                                    run_tasks: Callable[[], list[Any]]) -> None:
    from django_tasks_db.models import DBTaskResult

    assert subscription_tasks.schedule_all() == ["immediate", "weekly"]
    assert subscription_tasks.schedule_all() == []  # planned once
    planned = DBTaskResult.objects.filter(status="READY", task_path=subscription_tasks.send_digests.module_path)
    weekly = [r for r in planned if r.args_kwargs["args"] == ["weekly"]]
    [run] = weekly
    local = run.run_after.astimezone(subscription_tasks.municipality_zone())
    assert local.weekday() == 0 and local.hour == 7 and local.minute == 0
