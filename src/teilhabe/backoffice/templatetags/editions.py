"""Editions in templates: to whom a draft is open for comment, and the form to change that."""

from __future__ import annotations

from django import template

from teilhabe.backoffice.plans.forms.comment import CommentForm
from teilhabe.plans.models import Edition
from teilhabe.plans.rules import comment_roles_of

register = template.Library()


@register.filter
def comment_roles(edition: Edition | None) -> str:
    """„Fachstelle, Lesend“ for a draft open for comment to both; empty for anything else."""
    if not isinstance(edition, Edition):
        return ""
    return ", ".join(str(role.label) for role in comment_roles_of(edition))


@register.simple_tag
def comment_form(edition: Edition) -> CommentForm:
    return CommentForm.for_edition(edition)
