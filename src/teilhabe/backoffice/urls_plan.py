"""The plan in the back office: dashboard, tree, fields of action, goals, measures and the audit log.
The tree template builds some of these paths from prefixes (plan/…, massnahmen/…) for speed: keep them."""

from django.urls import path

from teilhabe.backoffice.views import audit, dashboard, fields, goals, measures, tree

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
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
    path("protokoll/", audit.audit_log, name="audit_log"),
]
