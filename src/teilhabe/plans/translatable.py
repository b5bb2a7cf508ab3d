"""The plan's texts the public reads, registered for translation (found by teilhabe.translations): the fields
of action, goals and measures of the adopted edition (drafts and archived editions are not on the portal)."""

from django.db.models import QuerySet

from teilhabe.plans.models import Edition, FieldOfAction, Goal, Measure
from teilhabe.translations import register


def _adopted(qs: QuerySet) -> QuerySet:
    return qs.filter(edition__status=Edition.Status.ADOPTED)


register(FieldOfAction, fields=("title", "description"), kind="field", narrow=_adopted, order_by=("position", "pk"))
register(Goal, fields=("title", "description"), kind="goal", narrow=_adopted, order_by=("pk",))
register(Measure, fields=("title", "description"), kind="measure", narrow=_adopted, order_by=("reference", "pk"))
