"""The directory through the back office, the portal and the API: editors confined to their organisation,
moderation end to end, invitations by mail, registration, and a fixed number of queries on every list."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from teilhabe.core.models import Membership, Municipality, Organisation, User
from teilhabe.core.roles import Actor, Role
from teilhabe.core.tenancy import municipality_scope
from teilhabe.directory import services
from teilhabe.directory.models import OrganisationProfile, RegistrationRequest
from teilhabe.moderation.models import Revision
from teilhabe.plans.models import TargetGroup
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _url(name: str, municipality: Municipality, **kwargs: Any) -> str:
    return reverse(name, kwargs={"municipality": municipality.slug, **kwargs})


def _post(**extra: Any) -> dict[str, Any]:
    return {"version": "1", "short_description": "Wir beraten Familien.", "description": "## Angebote\n\n- Beratung",
            "languages": ["de", "ar"], "fields_of_activity": ["family"], "district": "Bergheim",
            "contact_person": "Amal A.", "contact_email": "info@verein.example", "contact_consent": "on",
            "links": "Website | https://verein.example", **extra}


def _publish_directly(municipality: Municipality, organisation: Organisation, **values: Any) -> OrganisationProfile:
    actor = Actor.system(municipality.pk)
    with municipality_scope(municipality):
        profile = services.ensure_profile(actor=actor, organisation=organisation)
        return services.save_profile(actor=actor, profile=profile, expected_version=profile.version,
                                     values={"short_description": "Demo", **values}, published=True).profile


def test_an_editor_edits_only_their_own_organisation(client_for: Callable[..., Any], editor: User,
                                                     municipality: Municipality, mso: Organisation,
                                                     other_org: Organisation) -> None:
    client = client_for(editor)
    assert client.get(_url("backoffice:organisation_profile", municipality, pk=mso.pk)).status_code == 200
    assert client.get(_url("backoffice:organisation_profile", municipality, pk=other_org.pk)).status_code == 403
    response = client.post(_url("backoffice:organisation_profile", municipality, pk=other_org.pk), _post())
    assert response.status_code == 403
    # Not the plan, not the people, not the audit log, not the queue.
    for name in ("backoffice:dashboard", "backoffice:member_list", "backoffice:audit_log",
                 "backoffice:revision_list", "backoffice:profile_list"):
        assert client.get(_url(name, municipality)).status_code == 403, name
    with municipality_scope(municipality):
        assert not OrganisationProfile.objects.filter(organisation=other_org).exists()
        assert not Revision.objects.exists()


def test_forged_ids_in_a_post_change_nothing(client_for: Callable[..., Any], editor: User, municipality: Municipality,
                                             other_municipality: Municipality, mso: Organisation) -> None:
    with municipality_scope(other_municipality):
        foreign = TargetGroup.objects.create(municipality=other_municipality, name="Fremd")
    client = client_for(editor)
    response = client.post(_url("backoffice:organisation_profile", municipality, pk=mso.pk),
                           _post(target_groups=[str(foreign.pk)], organisation=str(mso.pk + 1), trusted="on",
                                 published="on"))
    assert response.status_code == 200
    assert "Auswahl" in response.content.decode() or "Zielgruppen" in response.content.decode()
    with municipality_scope(municipality):
        assert not Revision.objects.exists()
        profile = OrganisationProfile.objects.filter(organisation=mso).first()
        assert profile is None or not (profile.trusted or profile.published)


def test_moderation_end_to_end(client_for: Callable[..., Any], editor: User, koordination: User,
                               municipality: Municipality, mso: Organisation) -> None:
    editor_client, coord = client_for(editor), client_for(koordination)
    response = editor_client.post(_url("backoffice:organisation_profile", municipality, pk=mso.pk), _post())
    assert response.status_code == 302
    portal_page = _url("portal:organisation_detail", municipality, pk=mso.pk)
    assert client_for(None).get(portal_page).status_code == 404  # not published yet
    with municipality_scope(municipality):
        revision = Revision.objects.get(state=Revision.State.PENDING)
    queue = coord.get(_url("backoffice:revision_list", municipality))
    assert "Arabisch-Deutscher Familienverein" in queue.content.decode()
    detail = coord.get(_url("backoffice:revision_detail", municipality, pk=revision.pk)).content.decode()
    assert "<ins>Bergheim</ins>" in detail and "Wir beraten Familien." in detail
    # Returned with a comment: the editor sees it on „Meine Organisation“ and in the editor.
    coord.post(_url("backoffice:revision_detail", municipality, pk=revision.pk),
               {"decision": "return", "comment": "Bitte die Öffnungszeiten ergänzen."})
    assert "Bitte die Öffnungszeiten ergänzen." in editor_client.get(
        _url("backoffice:my_organisation", municipality)).content.decode()
    editor_client.post(_url("backoffice:organisation_profile", municipality, pk=mso.pk),
                       _post(opening_hours="Mo 10–12 Uhr"))
    with municipality_scope(municipality):
        second = Revision.objects.get(state=Revision.State.PENDING)
    coord.post(_url("backoffice:revision_detail", municipality, pk=second.pk), {"decision": "publish"})
    page = client_for(None).get(portal_page).content.decode()
    assert "Wir beraten Familien." in page and "<h2>Angebote</h2>" in page and "Mo 10–12 Uhr" in page
    assert "info@verein.example" in page  # with consent


def test_contact_only_with_consent_and_hostile_html_never_shown(client_for: Callable[..., Any],
                                                                municipality: Municipality,
                                                                mso: Organisation) -> None:
    _publish_directly(municipality, mso, contact_email="geheim@verein.example", contact_consent=False,
                      description='<p>Hallo</p><script>alert("x")</script><a href="javascript:alert(1)">Klick</a>')
    page = client_for(None).get(_url("portal:organisation_detail", municipality, pk=mso.pk)).content.decode()
    assert "geheim@verein.example" not in page and "alert" not in page and "Hallo" in page
    api = client_for(None).get(f"/api/v1/{municipality.slug}/organisations/{mso.pk}").json()
    assert api["contact"] is None and "script" not in api["description_html"]


def test_a_logo_upload_through_the_editor(client_for: Callable[..., Any], koordination: User,
                                          municipality: Municipality, mso: Organisation) -> None:
    coord = client_for(koordination)
    url = _url("backoffice:organisation_profile", municipality, pk=mso.pk)
    bad = io.BytesIO(b"<html><script>alert(1)</script></html>")
    bad.name = "logo.png"
    response = coord.post(url, _post(version="0", logo=bad, logo_alt="Logo"))
    assert response.status_code == 200
    assert "kein Bild" in response.content.decode()
    good = io.BytesIO()
    Image.new("RGB", (1024, 1024), "blue").save(good, format="PNG")
    good.seek(0)
    good.name = "logo.png"
    with municipality_scope(municipality):
        version = OrganisationProfile.objects.get(organisation=mso).version
    response = coord.post(url, _post(version=str(version), logo=good, logo_alt="Blaues Quadrat", published="on"))
    assert response.status_code == 302
    page = client_for(None).get(_url("portal:organisation_detail", municipality, pk=mso.pk)).content.decode()
    assert 'alt="Blaues Quadrat"' in page


def test_koordination_invites_an_editor_who_gets_a_one_time_link(client_for: Callable[..., Any], koordination: User,
                                                                 municipality: Municipality, mso: Organisation,
                                                                 smtp_server: Any, run_tasks: Any,
                                                                 django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(koordination).post(_url("backoffice:organisation_invite", municipality, pk=mso.pk), {
            "first_name": "Samira", "last_name": "Saleh", "email": "samira@verein.example"})
    assert response.status_code == 302
    with municipality_scope(municipality):
        membership = Membership.objects.get(user__email="samira@verein.example")
        assert membership.role == Role.ORGANISATION
        assert list(membership.organisations.all()) == [mso]
    run_tasks()
    (message,) = smtp_server.messages()
    assert message["To"] == "samira@verein.example"
    body = message.get_content()
    link = next(line for line in body.splitlines() if "/konto/" in line).strip()
    path = link.split("://", 1)[1].split("/", 1)[1]
    confirm = client_for(None).get("/" + path, follow=True)
    assert confirm.status_code == 200 and "password" in confirm.content.decode().lower()


def test_registration_on_the_portal_and_confirmation(client_for: Callable[..., Any], koordination: User,
                                                     municipality: Municipality, smtp_server: Any,
                                                     run_tasks: Any, django_capture_on_commit_callbacks: Any) -> None:
    public = client_for(None)
    url = _url("portal:organisation_register", municipality)
    bad = public.post(url, {"organisation_name": "<b>Verein</b>", "kind": "mso", "first_name": "A",
                            "last_name": "B", "email": "kein-email", "consent": "on"})
    assert bad.status_code == 200
    with municipality_scope(municipality):
        assert not RegistrationRequest.objects.exists()
    ok = public.post(url, {"organisation_name": "Eritreischer Kulturverein", "kind": "mso", "first_name": "Yonas",
                           "last_name": "Tesfay", "email": "yonas@kultur.example", "consent": "on"})
    assert ok.status_code == 302
    with municipality_scope(municipality):
        request = RegistrationRequest.objects.get()
    coord = client_for(koordination)
    assert "Eritreischer Kulturverein" in coord.get(_url("backoffice:registration_list", municipality)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        coord.post(_url("backoffice:registration_detail", municipality, pk=request.pk), {"decision": "confirm"})
    with municipality_scope(municipality):
        request.refresh_from_db()
        assert request.state == RegistrationRequest.State.CONFIRMED
        organisation = Organisation.objects.get(name="Eritreischer Kulturverein")
        assert Membership.objects.get(user__email="yonas@kultur.example").organisations.get() == organisation
    run_tasks()
    assert [m["To"] for m in smtp_server.messages()] == ["yonas@kultur.example"]


def _many(municipality: Municipality, n: int) -> None:
    with municipality_scope(municipality):
        group = TargetGroup.objects.get_or_create(municipality=municipality, name="Familien")[0]
        start = Organisation.objects.count()
        for i in range(n):
            organisation = OrganisationFactory(municipality=municipality, name=f"Verein {start + i:03d}")
            profile = _publish_directly(municipality, organisation, languages=["de", "ar"], district="Altstadt",
                                        fields_of_activity=["culture"], target_groups=[group.pk])
            if i % 2:
                services.save_profile(actor=Actor.system(municipality.pk), profile=profile,
                                      expected_version=profile.version, values={"district": "Weststadt"})


@pytest.mark.parametrize("page", ["portal", "api", "backoffice"])
def test_lists_run_a_fixed_number_of_queries(page: str, client_for: Callable[..., Any], koordination: User,
                                             municipality: Municipality) -> None:
    client = client_for(koordination if page == "backoffice" else None)
    url = {"portal": _url("portal:organisation_list", municipality) + "?language=ar&field=culture",
           "api": f"/api/v1/{municipality.slug}/organisations?page_size=1000&language=ar",
           "backoffice": _url("backoffice:profile_list", municipality) + "?state=published"}[page]
    counts = []
    for n in (1, 20):
        _many(municipality, n)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    if page == "api":
        assert response.json()["count"] == 21 and len(response.json()["items"]) == 21


def test_the_api_lists_published_profiles_only_and_refuses_bad_parameters(client_for: Callable[..., Any],
                                                                          municipality: Municipality,
                                                                          mso: Organisation,
                                                                          other_org: Organisation) -> None:
    _publish_directly(municipality, mso, languages=["ar"])
    with municipality_scope(municipality):
        services.ensure_profile(actor=Actor.system(municipality.pk), organisation=other_org)  # not published
    client = client_for(None)
    body = client.get(f"/api/v1/{municipality.slug}/organisations").json()
    assert body["count"] == 1 and body["items"][0]["name"] == "Arabisch-Deutscher Familienverein"
    assert client.get(f"/api/v1/{municipality.slug}/organisations/{other_org.pk}").status_code == 404
    assert client.get(f"/api/v1/{municipality.slug}/organisations?page_size=1001").status_code == 422
    assert client.get(f"/api/v1/{municipality.slug}/organisations?colour=red").status_code == 422
    assert client.get(f"/api/v1/{municipality.slug}/organisations?language=ar").json()["count"] == 1
    assert client.get(f"/api/v1/{municipality.slug}/organisations?language=tr").json()["count"] == 0


def test_portal_filters_and_a_foreign_id(client_for: Callable[..., Any], municipality: Municipality,
                                         other_municipality: Municipality, mso: Organisation) -> None:
    _publish_directly(municipality, mso, languages=["ar"], district="Bergheim", fields_of_activity=["family"])
    with municipality_scope(other_municipality):
        foreign = OrganisationFactory(municipality=other_municipality, name="Fremder Verein")
    _publish_directly(other_municipality, foreign)
    client = client_for(None)
    listing = _url("portal:organisation_list", municipality)
    assert "Arabisch-Deutscher" in client.get(listing + "?language=ar&district=Bergheim&kind=mso").content.decode()
    assert "Arabisch-Deutscher" not in client.get(listing + "?field=sport").content.decode()
    assert client.get(listing + "?language=%00&seite=x").status_code == 200
    assert client.get(_url("portal:organisation_detail", municipality, pk=foreign.pk)).status_code == 404
