"""Errors services raise; every entry point turns them into a clear message, never a 500."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

if TYPE_CHECKING:
    from teilhabe.core.models import AuditEntry


class ServiceError(Exception):
    """A refused action with a message for the user (German, translatable)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotAllowed(PermissionDenied):
    """The actor's role does not permit this."""


class ConcurrentEdit(ServiceError):
    """Someone else saved the object after the form was opened; nothing was written."""

    def __init__(self, message: str, *, entries: Sequence[AuditEntry], current_version: int) -> None:
        super().__init__(message)
        self.entries = list(entries)
        self.current_version = current_version
