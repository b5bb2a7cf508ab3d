"""Django's admin is for platform administrators only; municipalities work in the back office.

It is a read-only inspection tool: every change goes through the services (permission check, tenant check,
audit entry, optimistic locking), and the admin would bypass all of them. So no model of Teilhabe can be
added, changed or deleted here, and there are no bulk actions. Platform administrators create
municipalities and people in /plattform/ and in the back office, or with the `teilhabe` commands.
(django-axes' login records, registered by axes itself, stay deletable: deleting one lifts a login lock.)
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django_scopes import scopes_disabled

from teilhabe.core.models import (
    AuditEntry,
    Membership,
    Municipality,
    Organisation,
    OrgUnit,
    User,
)

admin.site.site_header = "Teilhabe – Plattform-Administration"


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shows, never writes: no add, change or delete, no actions."""

    actions = None

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class CrossTenantReadAdmin(ReadOnlyAdmin):
    """Tenant-owned data, read across all municipalities.

    Tenant models' managers refuse queries outside a municipality scope (django-scopes). The admin is the
    one deliberate exception: platform administration reads every municipality's rows, read-only. The scope
    check runs when a manager's get_queryset() is called, so the queryset is made with scopes disabled; the
    pages themselves are rendered with scopes disabled too, because showing an object reads its related rows
    (e.g. a membership's org units) through their scoped managers."""

    list_filter = ["municipality"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        with scopes_disabled():  # deliberate cross-tenant read for platform administration
            return super().get_queryset(request)

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        with scopes_disabled():  # deliberate cross-tenant read for platform administration
            return _rendered(super().changelist_view(request, extra_context))

    def changeform_view(self, request: HttpRequest, object_id: str | None = None, form_url: str = "",
                        extra_context: dict[str, Any] | None = None) -> HttpResponse:
        with scopes_disabled():  # deliberate cross-tenant read for platform administration
            return _rendered(super().changeform_view(request, object_id, form_url, extra_context))

    def history_view(self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
                     ) -> HttpResponse:
        with scopes_disabled():  # deliberate cross-tenant read for platform administration
            return _rendered(super().history_view(request, object_id, extra_context))


def _rendered(response: HttpResponse) -> HttpResponse:
    """Render a TemplateResponse now, while the scope is still disabled, not after the view returned."""
    render = getattr(response, "render", None)
    if callable(render):
        render()
    return response


@admin.register(User)
class TeilhabeUserAdmin(ReadOnlyAdmin, UserAdmin):
    """People are invited, changed and deactivated in the back office (services record it)."""


@admin.register(Municipality)
class MunicipalityAdmin(ReadOnlyAdmin):
    list_display = ["name", "slug", "ags", "land", "is_demo"]
    search_fields = ["name", "slug", "ags"]


@admin.register(Membership)
class MembershipAdmin(CrossTenantReadAdmin):
    list_display = ["user", "municipality", "role"]
    list_filter = ["municipality", "role"]


@admin.register(OrgUnit, Organisation)
class TenantAdmin(CrossTenantReadAdmin):
    pass


@admin.register(AuditEntry)
class AuditEntryAdmin(CrossTenantReadAdmin):
    """The trail is evidence: readable, never editable."""

    list_display = ["at", "municipality", "actor", "action", "object_type", "object_label"]
    list_filter = ["municipality", "action", "object_type"]
