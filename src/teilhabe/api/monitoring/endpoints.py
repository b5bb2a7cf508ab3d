"""The monitoring in the REST API (endpoints follow in this module)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["Monitoring"])
