from typing import Any

from django.http import HttpRequest


def tenant(request: HttpRequest) -> dict[str, Any]:
    actor = getattr(request, "actor", None)
    return {
        "municipality": getattr(request, "municipality", None),
        "actor": actor,
        "perms_of_actor": {p.name: True for p in actor.permissions} if actor else {},
    }
