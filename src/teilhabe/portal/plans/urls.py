"""Public URLs of the plan in force, under plan/."""

from django.urls import path

from teilhabe.portal.plans import views

urlpatterns = [
    path("", views.plan_overview, name="plan_overview"),
    path("handlungsfeld/<int:pk>/", views.plan_field, name="plan_field"),
    path("massnahme/<int:pk>/", views.plan_measure, name="plan_measure"),
]
