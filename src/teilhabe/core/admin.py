"""Django's admin is for platform administrators only; municipalities work in the back office."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from teilhabe.core.models import (
    AuditEntry,
    Membership,
    Municipality,
    Organisation,
    OrgUnit,
    User,
)

admin.site.site_header = "Teilhabe – Plattform-Administration"


@admin.register(User)
class TeilhabeUserAdmin(UserAdmin):
    pass


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "ags", "land", "is_demo"]
    search_fields = ["name", "slug", "ags"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "municipality", "role"]
    list_filter = ["municipality", "role"]
    autocomplete_fields = ["user"]


@admin.register(OrgUnit, Organisation)
class TenantAdmin(admin.ModelAdmin):
    list_filter = ["municipality"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The trail is evidence: readable, never editable."""

    list_display = ["at", "municipality", "actor", "action", "object_type", "object_label"]
    list_filter = ["municipality", "action", "object_type"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
