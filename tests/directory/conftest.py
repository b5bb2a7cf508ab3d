"""Organisations with editors: one MSO whose editor proposes changes, one trusted association."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from teilhabe.core.models import Municipality, Organisation, User
from teilhabe.core.roles import Actor, Role
from teilhabe.core.tenancy import actor_for, municipality_scope
from teilhabe.directory import services
from teilhabe.directory.models import OrganisationProfile
from tests.factories import OrganisationFactory


@pytest.fixture
def mso(municipality: Municipality) -> Organisation:
    with municipality_scope(municipality):
        return OrganisationFactory(municipality=municipality, name="Arabisch-Deutscher Familienverein",
                                   kind=Organisation.Kind.MSO)


@pytest.fixture
def other_org(municipality: Municipality) -> Organisation:
    with municipality_scope(municipality):
        return OrganisationFactory(municipality=municipality, name="Türkischer Elternverein",
                                   kind=Organisation.Kind.MSO)


@pytest.fixture
def editor(municipality: Municipality, mso: Organisation, make_member: Callable[..., User]) -> User:
    return make_member(municipality, Role.ORGANISATION, "redaktion", organisations=(mso,))


@pytest.fixture
def editor_actor(editor: User, municipality: Municipality) -> Actor:
    return actor_for(editor, municipality)


@pytest.fixture
def scope(municipality: Municipality) -> Any:
    with municipality_scope(municipality):
        yield


@pytest.fixture
def profile(mso: Organisation, municipality: Municipality, scope: Any) -> OrganisationProfile:
    return services.ensure_profile(actor=Actor.system(municipality.pk), organisation=mso)


@pytest.fixture
def other_profile(other_org: Organisation, municipality: Municipality, scope: Any) -> OrganisationProfile:
    return services.ensure_profile(actor=Actor.system(municipality.pk), organisation=other_org)
