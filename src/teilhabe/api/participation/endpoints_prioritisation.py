"""API of participation: prioritisation."""

from ninja import Router

router = Router(tags=["participation"])
