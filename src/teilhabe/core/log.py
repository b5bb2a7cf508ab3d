"""Logging filters named in settings.LOGGING."""

from __future__ import annotations

import logging


class NoTracebackForClientErrors(logging.Filter):
    """A 403 or 404 is an answer, not a fault: Django logs it (django.request, WARNING) with the exception's
    traceback when a view raised PermissionDenied or Http404. Keep the line, drop the traceback; 5xx keep
    theirs."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
