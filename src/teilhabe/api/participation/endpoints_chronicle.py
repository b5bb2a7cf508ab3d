"""API of participation: chronicle."""

from ninja import Router

router = Router(tags=["participation"])
