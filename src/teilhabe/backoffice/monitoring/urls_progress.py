"""Back office URLs of the monitoring (progress): the goal-tree roll-up, the dashboard per field of action and
one field of action."""

from django.urls import path

from teilhabe.backoffice.monitoring import progress

urlpatterns = [
    path("zielerreichung/", progress.monitoring_rollup, name="monitoring_rollup"),
    path("uebersicht/", progress.monitoring_dashboard, name="monitoring_dashboard"),
    path("handlungsfelder/<int:pk>/", progress.field_monitoring, name="field_monitoring"),
]
