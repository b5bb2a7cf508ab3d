from django.urls import path

from teilhabe.backoffice.views import exchange

urlpatterns = [
    path("import-export/", exchange.exchange_page, name="exchange"),
    path("import-export/vorlage.xlsx", exchange.exchange_template, name="exchange_template"),
    path("import-export/export", exchange.exchange_export, name="exchange_export"),
    path("import-export/import", exchange.exchange_import, name="exchange_import"),
    path("import-export/import/bestaetigen", exchange.exchange_import_confirm, name="exchange_import_confirm"),
]
