"""Back office URLs of the monitoring (indicators): the list, defining indicators and rates, the starter
catalogue, the municipality's categories, series breaks and the indicator page with its CSV."""

from django.urls import path

from teilhabe.backoffice.monitoring import indicators

urlpatterns = [
    path("", indicators.indicator_list, name="indicator_list"),
    path("neu/", indicators.indicator_create, name="indicator_create"),
    path("quote/neu/", indicators.rate_create, name="rate_create"),
    path("startkatalog/", indicators.indicator_catalogue, name="indicator_catalogue"),
    path("<int:pk>/", indicators.indicator_detail, name="indicator_detail"),
    path("<int:pk>/bearbeiten/", indicators.indicator_edit, name="indicator_edit"),
    path("<int:pk>/loeschen/", indicators.indicator_delete, name="indicator_delete"),
    path("<int:pk>/daten.csv", indicators.indicator_csv, name="indicator_csv"),
    path("<int:pk>/zeitreihenbruch/neu/", indicators.indicator_break_add, name="indicator_break_add"),
    path("zeitreihenbruch/<int:pk>/entfernen/", indicators.seriesbreak_delete, name="seriesbreak_delete"),
    path("kategorien/", indicators.category_list, name="category_list"),
    path("kategorien/neu/", indicators.category_create, name="category_create"),
    path("kategorien/<int:pk>/bearbeiten/", indicators.category_edit, name="category_edit"),
    path("kategorien/<int:pk>/loeschen/", indicators.category_delete, name="category_delete"),
]
