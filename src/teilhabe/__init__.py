"""Teilhabe: the integration work of German municipalities."""
