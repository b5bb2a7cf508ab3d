"""Back office URLs of the monitoring: loading data into an indicator (upload → preview → confirm) and the list
of its deliveries with their accepted warnings (see urls.py)."""

from django.urls import path

from teilhabe.backoffice.monitoring import imports

urlpatterns = [
    path("<int:pk>/import/", imports.indicator_import, name="indicator_import"),
    path("<int:pk>/import/bestaetigen/", imports.indicator_import_confirm,
         name="indicator_import_confirm"),
    path("<int:pk>/lieferungen/", imports.indicator_batches, name="indicator_batches"),
]
