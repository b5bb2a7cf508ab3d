"""The confirm-and-delete flow shared by fields of action, goals and measures."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render

from teilhabe.backoffice.core.audit import conflict_context
from teilhabe.backoffice.plans.forms.plan import DeleteForm
from teilhabe.backoffice.plans.tree import call_service, deleted
from teilhabe.core.errors import ConcurrentEdit


def confirm_delete(
    request: HttpRequest, *, version: int, delete: Callable[..., None], success: str, done_url: str,
    texts: dict[str, Any],
) -> HttpResponse:
    """Ask, then delete against the version the page showed. A refusal becomes a form error; a concurrent
    change shows what the other person did and asks again against the new version; an object someone
    else already deleted sends the user to `done_url` with the message."""
    context: dict[str, Any] = {}
    form = DeleteForm(request.POST or None, initial={"version": version})
    if request.method == "POST" and form.is_valid():
        try:
            done = call_service(form, lambda: deleted(delete, expected_version=form.cleaned_data["version"]))
        except ConcurrentEdit as exc:
            if not exc.current_version:
                messages.error(request, exc.message)
                return HttpResponseRedirect(done_url)
            context.update(conflict_context(exc))
            form = DeleteForm(initial={"version": exc.current_version})
        else:
            if done:
                messages.success(request, success)
                return HttpResponseRedirect(done_url)
    context.update({"form": form, **texts})
    return render(request, "backoffice/plan/confirm_delete.html", context)
