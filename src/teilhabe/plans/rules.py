"""Who sees which edition, and in which edition a measure may be edited. One rule, asked by the selectors
(`edition_for`, `editions_visible_to`), the services and the interfaces alike.

- The plan in force — the adopted edition — is what everyone sees and works on by default.
- A draft (a Fortschreibung in progress) is the coordination office's workspace: whoever edits the plan
  (Koordination, platform administrators) sees it, and opens it by default when there is one.
- Fachstelle and Lesend see a draft only once it has been opened for comment to their role
  („zur Beratung freigegeben“, `Edition.open_for_comment_roles`). Comment is not edit: a Fachstelle edits
  its measures only in the edition in force.
- Archived editions are readable by everyone who may view the plan.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from teilhabe.core.errors import NotAllowed
from teilhabe.core.roles import Actor, Role
from teilhabe.plans.models import Edition
from teilhabe.plans.permissions import EDIT_PLAN

# The roles a draft can be opened for comment to (Koordination sees drafts anyway).
COMMENT_ROLES: tuple[Role, ...] = (Role.FACHSTELLE, Role.LESEND)


def sees_drafts(actor: Actor) -> bool:
    """Drafts are the workspace of those who edit the plan."""
    return actor.can(EDIT_PLAN)


def is_open_for_comment_to(edition: Edition, role: Role | None) -> bool:
    return (
        edition.status == Edition.Status.DRAFT
        and role is not None
        and role.value in (edition.open_for_comment_roles or [])
    )


def can_see_edition(actor: Actor, edition: Edition) -> bool:
    """May `actor` open this edition at all (its municipality is checked by the caller's queryset)?"""
    if edition.status != Edition.Status.DRAFT:
        return True
    return sees_drafts(actor) or is_open_for_comment_to(edition, actor.role)


def comment_roles_of(edition: Edition) -> list[Role]:
    """The roles a draft is open for comment to, in the order of the role table; none for other editions."""
    if edition.status != Edition.Status.DRAFT:
        return []
    wanted = set(edition.open_for_comment_roles or [])
    return [role for role in COMMENT_ROLES if role.value in wanted]


def may_edit_measures_in(actor: Actor, edition: Edition) -> bool:
    """Whoever edits the plan edits measures in every edition that is not archived; everyone else (a
    Fachstelle with its own measures) only in the edition in force."""
    if edition.status == Edition.Status.ARCHIVED:
        return False
    return sees_drafts(actor) or edition.status == Edition.Status.ADOPTED


def require_measure_editable_in(actor: Actor, edition: Edition) -> None:
    """The guard path of changing a measure: raise NotAllowed outside the edition the actor may edit in.
    (The archive is refused separately, with its own message, by the services.)"""
    if edition.status != Edition.Status.ARCHIVED and not may_edit_measures_in(actor, edition):
        raise NotAllowed(_(
            "Maßnahmen bearbeiten Sie in der beschlossenen Ausgabe. Ein Entwurf, der zur Beratung "
            "freigegeben ist, kann nur gelesen werden; ändern kann ihn die Koordinierungsstelle."
        ))
