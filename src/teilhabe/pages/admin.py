"""The legal pages and barrier reports in Django's admin, shown like core's other tenant-owned data."""

from django.contrib import admin

from teilhabe.core.admin import TenantAdmin
from teilhabe.pages.models import BarrierReport, LegalPage, PortalSettings

admin.site.register([LegalPage, BarrierReport, PortalSettings], TenantAdmin)
