"""What organisations write for the public, registered for translation (found by teilhabe.translations): the
published profiles' descriptions and opening hours, and the published offers' texts."""

from django.db.models import QuerySet

from teilhabe.directory.models import Offer, OrganisationProfile
from teilhabe.translations import register


def _published_profiles(qs: QuerySet) -> QuerySet:
    return qs.filter(published=True)


def _published_offers(qs: QuerySet) -> QuerySet:
    return qs.filter(state=Offer.State.PUBLISHED)


register(OrganisationProfile, fields=("short_description", "description", "opening_hours"), kind="profile",
         rich=("description",), narrow=_published_profiles, label_field="organisation",
         select_related=("organisation",))
register(Offer, fields=("title", "description", "schedule", "cost", "registration"), kind="offer",
         rich=("description",), narrow=_published_offers, order_by=("title", "pk"))
