"""Platform administration: only superusers list and create municipalities."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teilhabe.core.models import Municipality
from tests.factories import MunicipalityFactory

LIST = reverse("platform:municipality_list")
CREATE = reverse("platform:municipality_create")
VALID = {"name": "Waiblingen", "slug": "waiblingen", "ags": "08119079", "languages": ["de", "tr", "ku", "ti"]}


def test_anonymous_goes_to_login(client, db):
    for target in (LIST, CREATE):
        response = client.get(target)
        assert response.status_code == 302 and "/konto/anmelden/" in response["Location"]


@pytest.mark.parametrize("who", ["koordination", "fachstelle", "lesend", "foreign_user"])
def test_members_are_refused(who, request, client_for):
    client = client_for(request.getfixturevalue(who))
    assert client.get(LIST).status_code == 403
    assert client.post(CREATE, VALID).status_code == 403
    assert not Municipality.objects.filter(slug="waiblingen").exists()


def test_create_municipality_and_offer_first_coordination(client_for, platform_admin):
    client = client_for(platform_admin)
    form = client.get(CREATE).content.decode()
    for code in ("de", "en", "ar", "fa", "tr", "uk", "ru", "ku", "ps", "ti", "fr", "it", "pl", "ro", "bg", "el",
                 "sq", "so"):
        assert f'value="{code}"' in form
    assert "Kurmandschi" in form and "<legend" in form
    response = client.post(CREATE, VALID, follow=True)
    m = Municipality.objects.get(slug="waiblingen")
    assert (m.land, m.languages) == ("BW", ["de", "tr", "ku", "ti"])
    html = response.content.decode()
    assert "Baden-Württemberg" in html
    assert reverse("backoffice:member_create", kwargs={"municipality": "waiblingen"}) + "?rolle=koordination" in html
    listing = client.get(LIST).content.decode()
    assert "Waiblingen" in listing and "08119079" in listing and "Erste Koordination anlegen" in listing


@pytest.mark.parametrize("data,message", [
    ({"ags": "17000000"}, "kein"),
    ({"ags": "0822100"}, "8 Zeichen"),
    ({"ags": "abcdefgh"}, "8 Ziffern"),
    ({"slug": "plattform"}, "reserviert"),
    ({"slug": "heidelberg"}, "existiert bereits"),
    ({"slug": "mit leerzeichen"}, "Kurzbezeichnung"),
    ({"name": "<script>alert(1)</script>"}, "HTML"),
    ({"languages": ["de", "xx"]}, "Auswahl"),
    ({"name": ""}, "erforderlich"),
])
def test_bad_input_gives_message_and_creates_nothing(client_for, platform_admin, municipality, data, message):
    before = Municipality.objects.count()
    response = client_for(platform_admin).post(CREATE, {**VALID, **data})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Municipality.objects.count() == before


def test_created_page_of_unknown_slug_is_404(client_for, platform_admin):
    response = client_for(platform_admin).get(reverse("platform:municipality_created", kwargs={"slug": "gibtsnicht"}))
    assert response.status_code == 404


def test_municipality_list_runs_fixed_queries(client_for, platform_admin):
    client = client_for(platform_admin)
    MunicipalityFactory()
    with CaptureQueriesContext(connection) as small:
        client.get(LIST)
    for _ in range(15):
        MunicipalityFactory()
    with CaptureQueriesContext(connection) as large:
        client.get(LIST)
    assert len(large.captured_queries) == len(small.captured_queries) <= 6
