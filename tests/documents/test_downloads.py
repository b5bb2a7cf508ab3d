"""Downloading plan documents in the back office: every role, the edition rule, foreign objects, the buttons."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from teilhabe.core.models import Municipality, User
from teilhabe.core.roles import Actor, Role
from teilhabe.core.tenancy import actor_for, municipality_scope
from teilhabe.plans.editions.comment import open_edition_for_comment
from teilhabe.plans.models import Edition, FieldOfAction
from tests.conftest import build_small_plan
from tests.documents.conftest import DETAILED_TITLE, docx_document, flat, headings, pdf_text
from tests.factories import OrganisationFactory, OrgUnitFactory

pytestmark = pytest.mark.django_db
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _url(municipality: Municipality, edition: Edition, fmt: str) -> str:
    return reverse(f"backoffice:edition_document_{fmt}", kwargs={"municipality": municipality.slug, "pk": edition.pk})


@pytest.mark.parametrize("who", ["koordination", "fachstelle", "lesend"])
def test_every_role_downloads_the_plan(who: str, request: pytest.FixtureRequest, municipality: Municipality,
                                       edition: Edition, client_for: Callable[[User | None], Any]) -> None:
    client = client_for(request.getfixturevalue(who))
    pdf = client.get(_url(municipality, edition, "pdf"))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("attachment;") and ".pdf" in pdf["Content-Disposition"]
    assert "Ausbildungspatenschaften" in pdf_text(pdf.content)
    docx = client.get(_url(municipality, edition, "docx"))
    assert docx.status_code == 200 and docx["Content-Type"] == DOCX
    assert ("Heading 1", "Ausbildung und Arbeitsmarkt") in headings(docx_document(docx.content))


def test_the_public_is_sent_to_the_login(municipality: Municipality, edition: Edition,
                                         client_for: Callable[[User | None], Any]) -> None:
    for fmt in ("pdf", "docx"):
        response = client_for(None).get(_url(municipality, edition, fmt))
        assert response.status_code == 302 and "/konto/anmelden/" in response["Location"]


def test_another_municipalitys_plan_is_404(municipality: Municipality, edition: Edition, koordination: User,
                                          other_municipality: Municipality, foreign_user: User,
                                          client_for: Callable[[User | None], Any]) -> None:
    with municipality_scope(other_municipality):
        amt = OrgUnitFactory(municipality=other_municipality, name="Fremdes Amt")
        other_amt = OrgUnitFactory(municipality=other_municipality, name="Anderes Amt")
        verein = OrganisationFactory(municipality=other_municipality, name="Fremder Verein")
    foreign_plan = build_small_plan(actor_for(foreign_user, other_municipality), other_municipality, amt, other_amt,
                                    verein)
    with municipality_scope(other_municipality):
        foreign_edition = foreign_plan.editions.get()
    client = client_for(koordination)
    assert client.get(_url(municipality, foreign_edition, "pdf")).status_code == 404
    assert client.get(_url(municipality, foreign_edition, "docx")).status_code == 404
    # a user of the other municipality gets nothing of ours
    assert client_for(foreign_user).get(_url(municipality, edition, "pdf")).status_code == 404


def test_lesend_gets_a_draft_only_when_open_for_comment_to_them(
        municipality: Municipality, fortschreibung: Edition, coord_actor: Actor, lesend: User, koordination: User,
        client_for: Callable[[User | None], Any]) -> None:
    reader = client_for(lesend)
    assert reader.get(_url(municipality, fortschreibung, "pdf")).status_code == 404
    assert client_for(koordination).get(_url(municipality, fortschreibung, "docx")).status_code == 200
    open_edition_for_comment(actor=coord_actor, edition=fortschreibung, roles=[Role.LESEND],
                             expected_version=fortschreibung.version)
    response = reader.get(_url(municipality, fortschreibung, "pdf"))
    assert response.status_code == 200
    assert "Entwurf – nicht beschlossen" in pdf_text(response.content)


def test_one_field_of_action_and_a_wrong_one(municipality: Municipality, edition: Edition, lesend: User,
                                            other_municipality: Municipality,
                                            client_for: Callable[[User | None], Any]) -> None:
    arbeit = FieldOfAction.objects.get(edition=edition, title="Ausbildung und Arbeitsmarkt")
    client = client_for(lesend)
    response = client.get(_url(municipality, edition, "pdf"), {"handlungsfeld": arbeit.pk})
    text = pdf_text(response.content)
    assert "Ausbildungspatenschaften" in text and "Mama lernt Deutsch" not in text
    for wrong in ("999999", "abc", "1; drop"):
        assert client.get(_url(municipality, edition, "pdf"), {"handlungsfeld": wrong}).status_code == 404


def test_post_is_not_allowed(municipality: Municipality, edition: Edition, koordination: User,
                             client_for: Callable[[User | None], Any]) -> None:
    assert client_for(koordination).post(_url(municipality, edition, "pdf")).status_code == 405


def _compare_url(municipality: Municipality, fmt: str) -> str:
    return reverse(f"backoffice:edition_compare_{fmt}", kwargs={"municipality": municipality.slug})


def test_the_comparison_downloads(municipality: Municipality, edition: Edition, fortschreibung: Edition,
                                  koordination: User, client_for: Callable[[User | None], Any]) -> None:
    client = client_for(koordination)
    query = {"old": edition.pk, "new": fortschreibung.pk}
    pdf = client.get(_compare_url(municipality, "pdf"), query)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = flat(pdf_text(pdf.content))
    assert "Jobmesse für Geflüchtete" in text and DETAILED_TITLE in text and "12.500 €" in text
    docx = client.get(_compare_url(municipality, "docx"), query)
    assert docx.status_code == 200 and docx["Content-Type"] == DOCX
    page = client.get(reverse("backoffice:edition_compare", kwargs={"municipality": municipality.slug}), query)
    assert f"{_compare_url(municipality, 'pdf')}?old={edition.pk}&amp;new={fortschreibung.pk}" in page.content.decode()


def test_a_comparison_without_a_valid_pair_goes_back_to_the_page(
        municipality: Municipality, edition: Edition, fortschreibung: Edition, lesend: User, koordination: User,
        client_for: Callable[[User | None], Any]) -> None:
    client = client_for(koordination)
    page = reverse("backoffice:edition_compare", kwargs={"municipality": municipality.slug})
    for query in ({}, {"old": edition.pk, "new": edition.pk}, {"old": "x", "new": "1"}):
        response = client.get(_compare_url(municipality, "pdf"), query)
        assert response.status_code == 302 and response["Location"].startswith(page)
    # Lesend may not compare with a draft that is not open for comment to them
    response = client_for(lesend).get(_compare_url(municipality, "docx"), {"old": edition.pk, "new": fortschreibung.pk})
    assert response.status_code == 302


@pytest.mark.parametrize("page", ["backoffice:tree", "backoffice:dashboard"])
def test_the_plan_pages_offer_the_documents(page: str, municipality: Municipality, edition: Edition, lesend: User,
                                           client_for: Callable[[User | None], Any]) -> None:
    html = client_for(lesend).get(reverse(page, kwargs={"municipality": municipality.slug})).content.decode()
    assert _url(municipality, edition, "pdf") in html and _url(municipality, edition, "docx") in html
    arbeit = FieldOfAction.objects.get(edition=edition, title="Ausbildung und Arbeitsmarkt")
    assert f'<option value="{arbeit.pk}">' in html




def test_the_download_runs_the_same_queries_for_a_larger_plan(
        municipality: Municipality, edition: Edition, coord_actor: Actor, lesend: User,
        client_for: Callable[[User | None], Any]) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from teilhabe.plans import services

    client = client_for(lesend)
    client.get(_url(municipality, edition, "docx"))  # warm up the session

    def count() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(_url(municipality, edition, "docx")).status_code == 200
        return len(context.captured_queries)

    small = count()
    field = FieldOfAction.objects.get(edition=edition, title="Ausbildung und Arbeitsmarkt")
    goal = services.create_goal(actor=coord_actor, field=field, title="Übergänge gestalten")
    group = services.get_or_create_target_group(actor=coord_actor, municipality=municipality, name="Jugendliche")
    for i in range(15):
        services.create_measure(actor=coord_actor, edition=edition, values={
            "title": f"Bewerbungstraining {i}", "field": field, "goals": [goal], "target_groups": [group]})
    assert count() == small
