"""Organisation profiles (organisations.py), offers and the inventory of offers (offers.py, inventory.py)."""

from teilhabe.directory.models.inventory import InventoryResponse, InventoryRound
from teilhabe.directory.models.offers import Offer, OfferCategory
from teilhabe.directory.models.organisations import (
    FieldOfActivity,
    OrganisationProfile,
    RegistrationRequest,
)

__all__ = ["FieldOfActivity", "InventoryResponse", "InventoryRound", "Offer", "OfferCategory", "OrganisationProfile",
           "RegistrationRequest"]
