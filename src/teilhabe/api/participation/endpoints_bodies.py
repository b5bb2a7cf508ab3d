"""API of participation: bodies."""

from ninja import Router

router = Router(tags=["participation"])
