"""`teilhabe demo`: builds the three demo municipalities through the services, idempotently."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models, transaction
from django.test import override_settings

from teilhabe.core.models import AuditEntry, Membership, Municipality, Organisation, OrgUnit, User
from teilhabe.core.permissions import VIEW
from teilhabe.core.roles import Role
from teilhabe.core.tenancy import across_municipalities, actor_for
from teilhabe.demo.loader import ADMIN_USERNAME, DEMO_PASSWORD
from teilhabe.directory.permissions import EDIT_PROFILE
from teilhabe.participation.permissions import VIEW as PARTICIPATION_VIEW
from teilhabe.plans.models import Edition, FieldOfAction, Goal, Measure, NormalisedStatus, Plan, StatusOption
from teilhabe.plans.permissions import EDIT_MEASURE
from teilhabe.plans.selectors import edition_shown

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _across_demo_municipalities() -> Iterator[None]:
    """These tests read the three demo municipalities side by side: deliberately across tenants."""
    with across_municipalities():
        yield

WAIBLINGEN_KEY_PROJECTS = {
    "Starke Netzwerke Elternbegleiter für geflüchtete Familien",
    "Kita-Einstieg: Brücken bauen in frühe Bildung",
    "Veranstaltungsreihe, die jeweils ein Land in den Fokus stellt",
    "Boccia-Bahn bei der Rundsporthalle",
    "Heranführung an traditionelles Ehrenamt (Feuerwehr, DRK)",
    "Integrationslotsen",
    "Offener Treff mit Informationsinput",
    "Infoveranstaltung Arbeit, Ausbildung, Praktikum",
    "„Meine ersten 100 Tage bei der Stadtverwaltung“",
    "Runder Tisch Vielfalt",
    "Jährlicher Integrationsworkshop",
}


FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def run_demo() -> str:
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[str]:
    """Build the demo once for this module inside a transaction that is rolled back at the end;
    each test runs in a savepoint of its own within it."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield run_demo()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def fast_hasher(settings: Any) -> None:
    settings.PASSWORD_HASHERS = FAST_HASHER


def titles(queryset: models.QuerySet[Any]) -> list[str]:
    return list(queryset.values_list("title", flat=True))


def test_three_demo_municipalities_with_their_ags_and_land(demo: str) -> None:
    found = {m.slug: m for m in Municipality.objects.all()}
    assert set(found) == {"heidelberg", "waiblingen", "herdecke"}
    assert all(m.is_demo for m in found.values())
    assert (found["heidelberg"].ags, found["heidelberg"].land) == ("08221000", "BW")
    assert (found["waiblingen"].ags, found["waiblingen"].land) == ("08119079", "BW")
    assert (found["herdecke"].ags, found["herdecke"].land) == ("05954016", "NW")
    for municipality in found.values():
        assert Plan.objects.of(municipality).get().description.startswith("Demodaten")


def test_heidelberg_follows_the_kip(demo: str) -> None:
    heidelberg = Municipality.objects.get(slug="heidelberg")
    plan = Plan.objects.of(heidelberg).get()
    assert plan.title == "Kommunaler Integrationsplan"
    assert plan.goal_level_names == ["Leitziel", "Teilziel", "Handlungsziel"]
    adopted = Edition.objects.get(plan=plan, status=Edition.Status.ADOPTED)
    assert str(adopted.adopted_on) == "2011-02-10"
    assert titles(FieldOfAction.objects.filter(edition=adopted)) == [
        "AG 1: Bildung und Sprachförderung",
        "AG 2: Ausbildung und Arbeitsmarkt",
        "AG 3: Familie, Gesundheit und Versorgungssysteme",
        "AG 4: Wohnumfeld und Bürgerschaftliches Engagement",
        "AG 5: Sport und Kultur",
    ]
    measures = Measure.objects.filter(edition=adopted).select_related("status")
    assert measures.count() == 55
    successful = [m for m in measures if m.status.normalised in (NormalisedStatus.COMPLETED, NormalisedStatus.ROUTINE)]
    assert len(successful) == 50
    assert measures.filter(is_key_project=True).count() >= 5
    # Goal tree three levels deep, measures hanging off it.
    assert Goal.objects.filter(edition=adopted, parent__parent__isnull=False).exists()
    assert all(m.goals.exists() for m in measures)
    # Status words as in Hannover's reports, each mapped to the normalised set.
    scheme = dict(StatusOption.objects.of(heidelberg).values_list("label", "normalised"))
    assert scheme["erfüllt"] == NormalisedStatus.COMPLETED
    assert scheme["in Bearbeitung"] == NormalisedStatus.IN_PROGRESS
    assert scheme["ins laufende Geschäft übergegangen"] == NormalisedStatus.ROUTINE
    assert scheme["nicht weiter zu verfolgen"] == NormalisedStatus.DISCONTINUED
    # Org units as a tree under the Dezernat; partners from the seed documents.
    afc = OrgUnit.objects.of(heidelberg).get(name="Amt für Chancengleichheit")
    assert afc.parent is not None
    assert afc.parent.name == "Dezernat für Integration, Chancengleichheit und Bürgerdienste"
    organisations = set(Organisation.objects.of(heidelberg).values_list("name", flat=True))
    assert {"Ausländerrat/Migrationsrat (AMR)", "Eine-Welt-Zentrum", "Jobcenter Heidelberg"} <= organisations
    assert Organisation.objects.of(heidelberg).filter(kind=Organisation.Kind.MSO).count() >= 3


def test_heidelberg_has_a_fortschreibung_draft_linked_to_the_adopted_edition(demo: str) -> None:
    heidelberg = Municipality.objects.get(slug="heidelberg")
    draft = Edition.objects.of(heidelberg).get(status=Edition.Status.DRAFT)
    adopted = Edition.objects.of(heidelberg).get(status=Edition.Status.ADOPTED)
    assert draft.predecessor == adopted
    copied = Measure.objects.filter(edition=draft)
    assert copied.count() == 55
    assert not copied.filter(predecessor__isnull=True).exists()


def test_waiblingen_has_four_fields_and_the_key_projects_of_its_document(demo: str) -> None:
    waiblingen = Municipality.objects.get(slug="waiblingen")
    edition = Edition.objects.of(waiblingen).get()
    fields = titles(FieldOfAction.objects.filter(edition=edition))
    assert len(fields) == 4
    assert fields[0] == "1. Zugang zu Sprache und Bildung"
    assert fields[3] == "4. Interkulturelle Öffnung der Verwaltung"
    key_projects = set(titles(Measure.objects.filter(edition=edition, is_key_project=True)))
    assert key_projects == WAIBLINGEN_KEY_PROJECTS
    labels = set(StatusOption.objects.of(waiblingen).values_list("label", flat=True))
    assert {"grün – umgesetzt", "gelb – in Umsetzung", "rot – gestoppt"} <= labels
    lead = Measure.objects.get(edition=edition, title="Kita-Einstieg: Brücken bauen in frühe Bildung").lead
    assert str(lead) == "Fachbereich Bildung und Erziehung"


def test_herdecke_has_its_four_fields_a_goal_tree_and_partners(demo: str) -> None:
    herdecke = Municipality.objects.get(slug="herdecke")
    plan = Plan.objects.of(herdecke).get()
    assert plan.title == "Gesellschaftliche Integration in Herdecke – Wie leben wir 2030 zusammen"
    edition = Edition.objects.get(plan=plan)
    assert titles(FieldOfAction.objects.filter(edition=edition)) == [
        "Ausbildung und Arbeit", "Sprache und Bildung", "Wohnen und Quartier", "Teilhabe und Engagement",
    ]
    for field in FieldOfAction.objects.filter(edition=edition):
        assert Goal.objects.filter(field=field, parent__parent__isnull=False).exists(), field
    organisations = set(Organisation.objects.of(herdecke).values_list("name", flat=True))
    assert "Bürgerstiftung Herdecke" in organisations
    assert "Werner Richard - Dr. Carl Dörken Stiftung" in organisations
    assert any(name.startswith("Ibis Institut") for name in organisations)


def test_users_for_every_role_share_the_demo_password(demo: str) -> None:
    for municipality in Municipality.objects.all():
        memberships = Membership.objects.of(municipality).select_related("user")
        assert {m.role for m in memberships} == set(Role.values)
        for membership in memberships:
            assert membership.user.check_password(DEMO_PASSWORD)
        for role in Role.values:
            assert User.objects.filter(username=f"{role}.{municipality.slug}").exists()
    admin = User.objects.get(username=ADMIN_USERNAME)
    assert admin.is_superuser
    assert admin.check_password(DEMO_PASSWORD)


def test_the_fachstelle_may_edit_some_measures_of_its_office_and_not_others(demo: str) -> None:
    heidelberg = Municipality.objects.get(slug="heidelberg")
    actor = actor_for(User.objects.get(username="fachstelle.heidelberg"), heidelberg)
    measures = Measure.objects.of(heidelberg).prefetch_related("partner_org_units", "partner_organisations")
    editable = [m for m in measures if actor.can(EDIT_MEASURE, m)]
    assert 10 <= len(editable) < measures.count() / 2


def test_the_command_prints_the_logins(demo: str) -> None:
    assert "http://127.0.0.1:8000/konto/anmelden/" in demo
    assert DEMO_PASSWORD in demo
    for username in ("admin", "koordination.heidelberg", "fachstelle.heidelberg", "lesend.heidelberg",
                     "koordination.waiblingen", "fachstelle.herdecke"):
        assert username in demo


def test_every_created_text_passes_validation(demo: str) -> None:
    """All content went through the services; check again that nothing slipped past the validators."""
    checked = 0
    for model in [*apps.get_app_config("core").get_models(), *apps.get_app_config("plans").get_models()]:
        if model is User:
            queryset: models.QuerySet[Any] = model._default_manager.all()
        elif any(f.name == "municipality" for f in model._meta.get_fields()):
            queryset = model._default_manager.all()
        else:
            continue
        for obj in queryset:
            obj.full_clean(validate_unique=False)
            checked += 1
    assert checked > 300


def test_a_second_run_changes_nothing(demo: str) -> None:
    counted = [Municipality, OrgUnit, Organisation, User, Membership, Plan, Edition, FieldOfAction, Goal,
               Measure, StatusOption, AuditEntry]
    before = {model.__name__: model._default_manager.count() for model in counted}
    out = run_demo()
    assert {model.__name__: model._default_manager.count() for model in counted} == before
    assert "unverändert" in out


def test_herdeckes_draft_is_open_for_comment_to_its_actors(demo: str) -> None:
    """Herdecke's concept is still a draft: its actors read it because it is open for their comments."""
    herdecke = Municipality.objects.get(slug="herdecke")
    fachstelle = Membership.objects.get(municipality=herdecke, role=Role.FACHSTELLE).user
    shown = edition_shown(actor_for(fachstelle, herdecke), herdecke)
    assert shown is not None and shown.status == Edition.Status.DRAFT
    assert set(shown.open_for_comment_roles) == {Role.FACHSTELLE.value, Role.LESEND.value}


def test_every_demo_login_can_open_its_back_office(demo: str) -> None:
    """The demo is what people see first: its pages must render for every role — each role on the pages it
    may open, and organisation editors (who do not see the internal plan) refused the plan's pages."""
    from django.test import Client
    from django.urls import reverse

    plan_pages = ["backoffice:dashboard", "backoffice:my_measures", "backoffice:tree", "backoffice:measure_list"]
    for membership in Membership.objects.select_related("user", "municipality"):
        client = Client()
        assert client.login(username=membership.user.username, password=DEMO_PASSWORD)
        slug = membership.municipality.slug
        actor = actor_for(membership.user, membership.municipality)
        pages: list[tuple[str, dict[str, Any]]] = []
        refused: list[tuple[str, dict[str, Any]]] = []
        if actor.can(VIEW):
            pages += [(name, {}) for name in plan_pages]
            shown = edition_shown(actor, membership.municipality)
            if shown is not None:  # a role may see no edition yet when the plan is only a draft (see plans.rules)
                measure = Measure.objects.filter(edition=shown).order_by("pk").first()
                assert measure is not None
                pages.append(("backoffice:measure_detail", {"pk": measure.pk}))
        else:
            refused += [(name, {}) for name in (*plan_pages, "backoffice:audit_log", "backoffice:member_list")]
        if actor.can(EDIT_PROFILE):
            pages.append(("backoffice:my_organisation", {}))
        if actor.can(PARTICIPATION_VIEW):
            pages.append(("backoffice:participation_bodies_list", {}))
        assert pages, membership.user.username
        for name, kwargs in pages:
            # follow: a Fachstelle's start (the dashboard) is „Meine Maßnahmen“
            response = client.get(reverse(name, kwargs={"municipality": slug, **kwargs}), follow=True)
            assert response.status_code == 200, (membership.user.username, name, response.status_code)
        for name, kwargs in refused:
            response = client.get(reverse(name, kwargs={"municipality": slug, **kwargs}))
            assert response.status_code == 403, (membership.user.username, name, response.status_code)
        # After login every member lands on a page of their own back office.
        assert client.get(reverse("landing"), follow=True).status_code == 200
        assert client.get(reverse("portal:home", kwargs={"municipality": slug})).status_code == 200


def test_organisation_editors_start_on_their_organisation(demo: str) -> None:
    from django.test import Client
    from django.urls import reverse

    expected = {"heidelberg": "Arabisch-Deutscher Familienverein", "herdecke": "Internationaler Kulturverein Herdecke",
                "waiblingen": "Interkultureller Frauentreff Waiblingen"}
    for slug, organisation in expected.items():
        membership = Membership.objects.select_related("user").get(
            municipality__slug=slug, user__username=f"organisation.{slug}")
        assert membership.role == Role.ORGANISATION
        assert [o.name for o in membership.organisations.all()] == [organisation]
        client = Client()
        client.force_login(membership.user)
        response = client.get(reverse("landing"), follow=True)
        assert response.redirect_chain[-1][0] == reverse("backoffice:my_organisation", kwargs={"municipality": slug})
        assert organisation in response.content.decode()


def test_each_city_presents_organisations_with_one_change_waiting(demo: str) -> None:
    from teilhabe.directory.models import OrganisationProfile
    from teilhabe.moderation.models import Revision

    for municipality in Municipality.objects.all():
        profiles = OrganisationProfile.objects.filter(municipality=municipality, published=True)
        assert profiles.count() >= 4, municipality.slug
        assert profiles.filter(trusted=True).exists() and profiles.filter(trusted=False).exists()
        assert {p.organisation.kind for p in profiles.select_related("organisation")} >= {"mso", "welfare"}
        assert len({code for p in profiles for code in p.languages}) >= 4
        pending = Revision.objects.filter(municipality=municipality, state=Revision.State.PENDING)
        assert pending.count() == 1, municipality.slug
        assert pending.get().author.username == f"organisation.{municipality.slug}"
        for profile in profiles:
            profile.full_clean(validate_unique=False)


def test_each_demo_municipality_imported_an_organisations_calendar(demo: str) -> None:
    from teilhabe.calendar.models import Event, EventFeed, EventOccurrenceChange

    with across_municipalities():
        for municipality in Municipality.objects.filter(is_demo=True):
            uploaded = EventFeed.objects.get(municipality=municipality, origin=EventFeed.Origin.FILE)
            assert uploaded.last_status == EventFeed.Status.OK and uploaded.last_counts["created"] == 3
            imported = Event.objects.filter(municipality=municipality, feed_key=uploaded.feed_key)
            assert imported.count() == 3 and all("(Demo" in e.title for e in imported)
            assert {e.state for e in imported} == {Event.State.PUBLISHED}
            assert all("<script" not in e.description for e in imported)
            assert EventOccurrenceChange.objects.filter(event__in=imported).count() == 1  # the moved occurrence
            assert EventFeed.objects.filter(municipality=municipality, origin=EventFeed.Origin.URL,
                                            enabled=False).count() == 1


def test_the_demo_is_searchable_in_german_and_arabic(demo: str) -> None:
    from teilhabe.core.models import Municipality
    from teilhabe.core.tenancy import municipality_scope
    from teilhabe.search import fulltext

    heidelberg = Municipality.objects.get(slug="heidelberg")
    with municipality_scope(heidelberg):
        german = fulltext.search(heidelberg, "Sprachkurse", language="de")
        assert {k.kind for k in german.kinds} >= {"plan_measure", "plan_field"}
        arabic = fulltext.search(heidelberg, "دورات", language="ar").page.items
        assert [(h.kind, h.language) for h in arabic] == [("page", "ar")]
