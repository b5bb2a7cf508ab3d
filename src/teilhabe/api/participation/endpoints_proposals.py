"""API of participation: proposals."""

from ninja import Router

router = Router(tags=["participation"])
