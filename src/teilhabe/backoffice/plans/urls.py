"""The plan in the back office: dashboard, tree, fields of action, goals, measures, editions, the plan's
settings (status scheme, target groups) and import/export.
The tree template builds some of these paths from prefixes (plan/…, massnahmen/…) for speed: keep them."""

from django.urls import path

from teilhabe.backoffice.plans import (
    dashboard,
    edition_comment,
    editions,
    exchange,
    fields,
    goals,
    measures,
    my_measures,
    settings,
    tree,
)

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("meine-massnahmen/", my_measures.my_measures, name="my_measures"),
    path("plan/neu/", dashboard.plan_create, name="plan_create"),
    path("plan/", tree.tree, name="tree"),
    path("plan/verschieben/", tree.move, name="move"),
    path("plan/handlungsfelder/neu/", fields.field_create, name="field_create"),
    path("plan/handlungsfelder/<int:pk>/bearbeiten/", fields.field_edit, name="field_edit"),
    path("plan/handlungsfelder/<int:pk>/loeschen/", fields.field_delete, name="field_delete"),
    path("plan/ziele/neu/", goals.goal_create, name="goal_create"),
    path("plan/ziele/<int:pk>/bearbeiten/", goals.goal_edit, name="goal_edit"),
    path("plan/ziele/<int:pk>/loeschen/", goals.goal_delete, name="goal_delete"),
    path("massnahmen/", measures.measure_list, name="measure_list"),
    path("massnahmen/neu/", measures.measure_create, name="measure_create"),
    path("massnahmen/<int:pk>/", measures.measure_detail, name="measure_detail"),
    path("massnahmen/<int:pk>/bearbeiten/", measures.measure_edit, name="measure_edit"),
    path("massnahmen/<int:pk>/loeschen/", measures.measure_delete, name="measure_delete"),
    path("ausgaben/", editions.edition_list, name="edition_list"),
    path("ausgaben/vergleich/", editions.edition_compare, name="edition_compare"),
    path("ausgaben/<int:pk>/fortschreibung/", editions.edition_create, name="edition_create"),
    path("ausgaben/<int:pk>/bearbeiten/", editions.edition_edit, name="edition_edit"),
    path("ausgaben/<int:pk>/beratung/", edition_comment.edition_comment, name="edition_comment"),
    path("einstellungen/plan/<int:pk>/", settings.plan_settings, name="plan_settings"),
    path("einstellungen/status/", settings.status_scheme, name="status_scheme"),
    path("einstellungen/status/<int:pk>/", settings.status_edit, name="status_edit"),
    path("einstellungen/status/<int:pk>/loeschen/", settings.status_delete, name="status_delete"),
    path("einstellungen/zielgruppen/", settings.target_groups, name="target_groups"),
    path("einstellungen/zielgruppen/<int:pk>/", settings.targetgroup_edit, name="targetgroup_edit"),
    path("einstellungen/zielgruppen/<int:pk>/loeschen/", settings.targetgroup_delete, name="targetgroup_delete"),
    path("import-export/", exchange.exchange_page, name="exchange"),
    path("import-export/vorlage.xlsx", exchange.exchange_template, name="exchange_template"),
    path("import-export/export", exchange.exchange_export, name="exchange_export"),
    path("import-export/import", exchange.exchange_import, name="exchange_import"),
    path("import-export/import/bestaetigen", exchange.exchange_import_confirm, name="exchange_import_confirm"),
]
