"""Organisation profiles (organisations.py), offers and the inventory of offers (offers.py, inventory.py)."""

from teilhabe.directory.models.organisations import (
    FieldOfActivity,
    OrganisationProfile,
    RegistrationRequest,
)

__all__ = ["FieldOfActivity", "OrganisationProfile", "RegistrationRequest"]
