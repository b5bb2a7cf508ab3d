"""Organisation profiles (organisations.py), offers and the inventory of offers (offers.py, inventory.py)."""
