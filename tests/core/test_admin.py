"""Django's admin: a read-only inspection tool for platform administrators, across all municipalities.

Every page loads for a superuser; nothing of Teilhabe's can be added, changed or deleted there, because that
would bypass the services (permissions, tenant checks, audit trail)."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.db.models import Model
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.core.models import AuditEntry, Membership, Municipality, OrgUnit, User

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)
TEILHABE = [model for model in REGISTERED if model._meta.app_config is not None
            and model._meta.app_config.name.startswith("teilhabe.")]


def _url(model: type[Model], view: str, *args: object) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def _any_object(model: type[Model]) -> Model | None:
    with scopes_disabled():
        return model._default_manager.order_by("pk").first()


@pytest.fixture
def admin_client(client_for, platform_admin, plan, foreign_measure, foreign_user, other_municipality):
    """A platform administrator, with data of two municipalities (plan, audit entries, memberships)."""
    return client_for(platform_admin)


def test_every_teilhabe_model_is_registered_read_only():
    assert {m._meta.label for m in TEILHABE} >= {
        "core.User", "core.Municipality", "core.Membership", "core.OrgUnit", "core.Organisation",
        "core.AuditEntry", "pages.LegalPage", "pages.BarrierReport"}
    for model in TEILHABE:
        model_admin = admin.site._registry[model]
        assert model_admin.actions is None, model
        request = type("Request", (), {"user": User(is_superuser=True, is_staff=True, is_active=True)})()
        assert not model_admin.has_add_permission(request), model
        assert not model_admin.has_change_permission(request), model
        assert not model_admin.has_delete_permission(request), model
        assert model_admin.has_view_permission(request), model


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_changelist_and_detail_pages_load_for_a_platform_administrator(admin_client, model):
    response = admin_client.get(_url(model, "changelist"))
    assert response.status_code == 200
    obj = _any_object(model)
    if obj is not None:
        assert admin_client.get(_url(model, "change", obj.pk)).status_code == 200
        assert admin_client.get(_url(model, "history", obj.pk)).status_code == 200


def test_lists_show_every_municipality(admin_client, municipality, other_municipality):
    html = admin_client.get(_url(Membership, "changelist")).content.decode()
    assert "koordination" in html and "fremd" in html  # Heidelberg's and Herdecke's people
    html = admin_client.get(_url(AuditEntry, "changelist")).content.decode()
    assert "Mama lernt Deutsch" in html


@pytest.mark.parametrize("model", TEILHABE, ids=lambda model: model._meta.label)
def test_add_change_and_delete_are_refused(admin_client, model):
    with scopes_disabled():
        before = model._default_manager.count()
    assert admin_client.post(_url(model, "add"), {"name": "Neu", "username": "neu"}).status_code == 403
    obj = _any_object(model)
    if obj is not None:
        assert admin_client.post(_url(model, "change", obj.pk), {"name": "Geändert"}).status_code == 403
        assert admin_client.post(_url(model, "delete", obj.pk), {"post": "yes"}).status_code == 403
    # No bulk action either (Django's "delete selected" is the one every admin has by default).
    response = admin_client.post(_url(model, "changelist"), {
        "action": "delete_selected", "_selected_action": [obj.pk] if obj else [], "post": "yes"})
    assert response.status_code in (200, 302, 403)
    with scopes_disabled():
        assert model._default_manager.count() == before


def test_nothing_changes_through_the_admin(admin_client, municipality):
    unit = _any_object(OrgUnit)
    assert unit is not None
    admin_client.post(_url(OrgUnit, "change", unit.pk), {"name": "Umbenannt", "municipality": municipality.pk})
    admin_client.post(_url(Municipality, "delete", municipality.pk), {"post": "yes"})
    admin_client.post(reverse("admin:auth_user_password_change", args=[User.objects.get(username="koordination").pk]),
                      {"password1": "neues-passwort-1234", "password2": "neues-passwort-1234"})
    with scopes_disabled():
        assert OrgUnit.objects.get(pk=unit.pk).name == unit.name
    assert Municipality.objects.filter(pk=municipality.pk).exists()
    assert User.objects.get(username="koordination").check_password("test-passwort-123")


def test_user_password_change_page_is_refused(admin_client):
    user = User.objects.get(username="koordination")
    assert admin_client.get(reverse("admin:auth_user_password_change", args=[user.pk])).status_code == 403

