from typing import Any

from django.http import HttpRequest

from teilhabe.core.roles import Perm


def tenant(request: HttpRequest) -> dict[str, Any]:
    actor = getattr(request, "actor", None)
    return {
        "municipality": getattr(request, "municipality", None),
        "actor": actor,
        "perms_of_actor": {p.value: True for p in actor.permissions} if actor else {},
        "Perm": Perm,
    }
