"""The portal's subscription pages and the back office's overview: bad input gets a clear German message and
stores nothing, the public form is rate-limited and answers bots like people, the overview counts without
listing addresses in a fixed number of queries, members subscribe to their bodies with one button."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teilhabe.core.models import Municipality, User
from teilhabe.core.tenancy import municipality_scope
from teilhabe.participation.models import Body, Proposal, Subscription
from teilhabe.participation.services import subscriptions as services
from teilhabe.plans.models import Plan

SUBSCRIBE = "/heidelberg/beteiligung/abonnieren/"
FOLLOW = "/heidelberg/beteiligung/abonnieren/folgen/"
OVERVIEW = "/heidelberg/intern/beteiligung/abonnements/"
MINE = "/heidelberg/intern/beteiligung/abonnements/meine/"


@pytest.fixture(autouse=True)
def _fresh_counters() -> Iterator[None]:
    cache.clear()  # the rate limit's counters
    yield
    cache.clear()


def _post(client: Client, **data: str) -> Any:
    values = {"topic": "all", "frequency": "weekly", "language": "de", "email": "a@example.org", "consent": "on"}
    values.update(data)
    return client.post(SUBSCRIBE, values)


def test_the_form_offers_the_process_public_bodies_and_fields(municipality: Municipality, body: Body,
                                                              other_body: Body, plan: Plan) -> None:
    other_body.is_public = False
    other_body.save()
    page = Client().get(SUBSCRIBE)
    html = page.content.decode()
    assert page.status_code == 200
    assert f'value="body:{body.pk}"' in html and f'value="body:{other_body.pk}"' not in html
    assert 'value="field:Bildung und Sprachförderung"' in html
    assert "Datenschutz" in html and 'name="consent"' in html


@pytest.mark.parametrize(("data", "field_message"), [
    ({"email": "keine-adresse"}, "gültige E-Mail-Adresse"),
    ({"email": "<script>alert(1)</script>"}, "gültige E-Mail-Adresse"),
    ({"consent": ""}, "Ohne Ihr Einverständnis"),
    ({"topic": "body:999999"}, "Thema aus der Liste"),
    ({"topic": "field:<b>x</b>"}, "Thema aus der Liste"),
    ({"frequency": "stündlich"}, "gültige Auswahl"),
    ({"topic": "all\x00"}, ""),
])
def test_bad_input_gets_a_message_and_stores_nothing(municipality: Municipality, body: Body, plan: Plan,
                                                     data: dict[str, str], field_message: str) -> None:
    response = _post(Client(), **data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Das Abonnement wurde nicht gespeichert" in html or "nicht" in html
    assert field_message in html
    assert "<script>alert(1)</script>" not in html
    assert not Subscription.objects.exists()


def test_a_body_of_another_municipality_is_refused(municipality: Municipality,
                                                   other_municipality: Municipality) -> None:
    with municipality_scope(other_municipality):
        foreign = Body.objects.create(municipality=other_municipality, name="Fremd")
    response = _post(Client(), topic=f"body:{foreign.pk}")
    assert response.status_code == 200 and "Thema aus der Liste" in response.content.decode()
    with municipality_scope(other_municipality):
        assert not Subscription.objects.exists()
    assert not Subscription.objects.exists()


def test_the_public_gets_the_same_answer_whether_subscribed_or_not(municipality: Municipality) -> None:
    first = _post(Client())
    second = _post(Client())
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == SUBSCRIBE + "danke/"
    assert Subscription.objects.count() == 1


def test_a_bot_filling_the_honeypot_is_answered_but_nothing_kept(municipality: Municipality) -> None:
    response = _post(Client(), website="http://spam.example")
    assert response.status_code == 302 and not Subscription.objects.exists()


def test_the_public_form_is_rate_limited(municipality: Municipality) -> None:
    client = Client()
    for number in range(5):
        assert _post(client, email=f"p{number}@example.org").status_code == 302
    refused = _post(client, email="noch-eine@example.org")
    assert refused.status_code == 429 and refused["Retry-After"]
    assert "Zu viele Anfragen" in refused.content.decode()
    assert Subscription.objects.count() == 5


def test_a_logged_in_member_subscribes_with_a_friendly_answer(municipality: Municipality, gremium_member: User,
                                                              body: Body,
                                                              client_for: Callable[[User | None], Client]) -> None:
    client = client_for(gremium_member)
    page = client.get(SUBSCRIBE)
    assert 'name="email"' not in page.content.decode()
    data = {"topic": f"body:{body.pk}", "frequency": "immediate", "language": "de"}
    first = client.post(SUBSCRIBE, data, follow=True)
    assert "Sie haben Gremium „AG Bildung“ abonniert" in first.content.decode()
    again = client.post(SUBSCRIBE, data, follow=True)
    assert "schon abonniert" in again.content.decode()
    assert Subscription.objects.get().confirmed_at is not None


def test_follow_a_published_proposal_but_not_a_hidden_one(municipality: Municipality, gremium_member: User,
                                                          client_for: Callable[[User | None], Client]) -> None:
    published = Proposal.objects.create(municipality=municipality, title="Elterncafé", text="Text")
    hidden = Proposal.objects.create(municipality=municipality, title="Geheim", text="Text",
                                     moderation=Proposal.Moderation.PENDING)
    response = Client().post(FOLLOW, {"proposal": published.pk, "email": "a@example.org", "consent": "on",
                                       "weiter": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"].endswith("/abonnieren/danke/")
    subscription = Subscription.objects.get()
    assert subscription.topic == "proposal" and subscription.proposal == published
    assert subscription.frequency == "immediate" and subscription.confirmed_at is None
    refused = Client().post(FOLLOW, {"proposal": hidden.pk, "email": "a@example.org", "consent": "on"})
    assert refused.status_code == 400 and "Diesem Vorschlag kann man nicht folgen" in refused.content.decode()
    member = client_for(gremium_member).post(FOLLOW, {"proposal": published.pk,
                                                      "weiter": "/heidelberg/beteiligung/vorschlaege/1/"})
    assert member.status_code == 302 and member["Location"] == "/heidelberg/beteiligung/vorschlaege/1/"
    assert Subscription.objects.filter(confirmed_at__isnull=False).count() == 1


def test_the_follow_include_renders(municipality: Municipality, rf: Any) -> None:
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string

    proposal = Proposal.objects.create(municipality=municipality, title="Elterncafé", text="Text")
    request = rf.get("/heidelberg/beteiligung/vorschlaege/1/")
    request.user = AnonymousUser()
    html = render_to_string("portal/participation/_follow.html", {
        "proposal": proposal, "municipality": municipality, "request": request, "user": request.user})
    assert 'action="/heidelberg/beteiligung/abonnieren/folgen/"' in html
    assert f'name="proposal" value="{proposal.pk}"' in html and 'name="consent"' in html


def test_forged_links_get_a_clear_page(municipality: Municipality) -> None:
    client = Client()
    for path in ("/heidelberg/beteiligung/abonnieren/bestaetigen/erfunden:1:abc/",
                 "/heidelberg/beteiligung/abbestellen/erfunden/",
                 "/heidelberg/beteiligung/abbestellen/" + "x" * 300 + "/"):
        for method in ("get", "post"):
            response = getattr(client, method)(path)
            assert response.status_code == 404
            assert "ungültig" in response.content.decode()


def test_the_manage_page_changes_frequency_and_unsubscribes_one_topic(municipality: Municipality, body: Body) -> None:
    whole = services.subscribe(municipality=municipality, topic="all", email="a@example.org").subscription
    group = services.subscribe(municipality=municipality, topic="body", body=body,
                               email="a@example.org").subscription
    url = f"/heidelberg/beteiligung/abbestellen/{whole.token}/"
    client = Client(enforce_csrf_checks=True)
    page = client.get(url)
    assert page.status_code == 200 and "AG Bildung" in page.content.decode()
    assert client.post(url, {"aktion": "haeufigkeit", "frequency": "immediate"}).status_code == 302
    assert set(Subscription.objects.values_list("frequency", flat=True)) == {"immediate"}
    bad = client.post(url, {"aktion": "haeufigkeit", "frequency": "<b>nie</b>"})
    assert bad.status_code == 400 and set(Subscription.objects.values_list("frequency", flat=True)) == {"immediate"}
    assert client.post(url, {"aktion": "unbekannt"}).status_code == 400
    assert client.post(url, {"aktion": "eines", "abo": "abc"}).status_code == 400
    # The link's own subscription goes: on to the page of what is left.
    response = client.post(url, {"aktion": "eines", "abo": str(whole.pk)})
    assert response.status_code == 302 and group.token in response["Location"]
    assert list(Subscription.objects.values_list("pk", flat=True)) == [group.pk]


def test_the_overview_counts_without_listing_addresses(municipality: Municipality, koordination: User,
                                                       body: Body, plan: Plan,
                                                       client_for: Callable[[User | None], Client]) -> None:
    client = client_for(koordination)

    def build(count: int, offset: int) -> None:
        for number in range(offset, offset + count):
            services.subscribe(municipality=municipality, topic="all", email=f"p{number}@example.org")
            services.subscribe(municipality=municipality, topic="body", body=body, email=f"p{number}@example.org",
                               user=None)
            services.subscribe(municipality=municipality, topic="field", field_title="Bildung und Sprachförderung",
                               email=f"p{number}@example.org")

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(OVERVIEW)
        assert response.status_code == 200
        return len(queries)

    build(2, 0)
    few = count_queries()
    build(6, 2)
    many = count_queries()
    assert few == many
    html = client.get(OVERVIEW).content.decode()
    assert "p1@example.org" not in html and "AG Bildung" in html and "Bildung und Sprachförderung" in html

    found = client.get(OVERVIEW, {"adresse": "P1@example.org"}).content.decode()
    assert "Gremium „AG Bildung“" in found
    subscription = Subscription.objects.filter(email="p1@example.org").first()
    assert subscription is not None
    removed = client.post(reverse("backoffice:participation_subscriptions_remove",
                                  kwargs={"municipality": "heidelberg"}),
                          {"abo": subscription.pk, "adresse": "p1@example.org"})
    assert removed.status_code == 302 and "adresse=p1%40example.org" in removed["Location"]
    assert not Subscription.objects.filter(pk=subscription.pk).exists()
    assert client.get(OVERVIEW, {"adresse": "<script>"}).status_code == 200


def test_a_foreign_subscription_id_removes_nothing(municipality: Municipality, other_municipality: Municipality,
                                                   koordination: User,
                                                   client_for: Callable[[User | None], Client]) -> None:
    with municipality_scope(other_municipality):
        foreign = services.subscribe(municipality=other_municipality, topic="all",
                                     email="a@example.org").subscription
    response = client_for(koordination).post(
        reverse("backoffice:participation_subscriptions_remove", kwargs={"municipality": "heidelberg"}),
        {"abo": foreign.pk}, follow=True)
    assert "gibt es nicht" in response.content.decode()
    with municipality_scope(other_municipality):
        assert Subscription.objects.filter(pk=foreign.pk).exists()


def test_members_subscribe_to_their_bodies_with_one_button(municipality: Municipality, gremium_member: User,
                                                           body: Body, other_body: Body,
                                                           client_for: Callable[[User | None], Client]) -> None:
    client = client_for(gremium_member)
    page = client.get(MINE).content.decode()
    assert "AG Bildung" in page and "AG Arbeit" not in page
    done = client.post(MINE, {"gremium": body.pk, "frequency": "weekly"}, follow=True)
    assert "Sie haben „AG Bildung“ abonniert" in done.content.decode()
    subscription = Subscription.objects.get()
    assert subscription.email == gremium_member.email and subscription.confirmed_at is not None
    refused = client.post(MINE, {"gremium": other_body.pk, "frequency": "weekly"}, follow=True)
    assert refused.status_code == 403 or "Berechtigung" in refused.content.decode()
    assert Subscription.objects.count() == 1
    ended = client.post(MINE, {"abo": subscription.pk}, follow=True)
    assert "beendet" in ended.content.decode() and not Subscription.objects.exists()


def test_the_mails_language_is_chosen_among_the_portals(municipality: Municipality) -> None:
    municipality.languages = ["de", "en", "ar", "xx"]
    municipality.save()
    html = Client().get(SUBSCRIBE).content.decode()
    select = html[html.index('id="id_language"'):]
    select = select[:select.index("</select>")]
    assert 'value="en"' in select and 'value="ar"' in select
    assert 'value="xx"' not in select  # no catalogue: no mails in it
    assert _post(Client(), language="en").status_code == 302
    assert Subscription.objects.get().language == "en"
    assert _post(Client(), language="xx", email="b@example.org").status_code == 200
    assert Subscription.objects.count() == 1


def test_a_proposals_page_offers_to_follow_it(municipality: Municipality) -> None:
    proposal = Proposal.objects.create(municipality=municipality, title="Elterncafé", text="<p>Text</p>")
    html = Client().get(f"/heidelberg/beteiligung/vorschlaege/{proposal.pk}/").content.decode()
    assert "Diesem Vorschlag folgen" in html and f'name="proposal" value="{proposal.pk}"' in html
    assert f'name="weiter" value="/heidelberg/beteiligung/vorschlaege/{proposal.pk}/"' in html
