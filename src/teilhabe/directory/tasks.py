"""Background tasks of the directory: thin entry points that set the municipality's scope and call services."""

from __future__ import annotations

from django_tasks import task

from teilhabe.core import services as core_services
from teilhabe.core.models import Membership
from teilhabe.core.roles import Actor
from teilhabe.core.tenancy import municipality_scope


@task()
def send_editor_invitation(municipality_id: int, membership_id: int, base_url: str) -> str:
    """Mail an invited organisation editor the one-time link to set their password."""
    with municipality_scope(municipality_id):
        membership = Membership.objects.select_related("user", "municipality").get(pk=membership_id)
        core_services.send_invitation(actor=Actor.system(municipality_id), membership=membership, base_url=base_url)
        return membership.user.email
