"""The one way a back-office view writes: a form parses the input, one service is called, and what the
service answers becomes what the person sees.

| the service …                    | the person sees                                                        |
|----------------------------------|------------------------------------------------------------------------|
| returns                          | a success message and the next page (redirect)                         |
| raises ValidationError           | the form again, errors at the fields it names (or above the form)      |
| raises ConcurrentEdit            | the form again with their input kept, now against the current version, |
|                                  | and `backoffice/_conflict.html` showing what the other person changed  |
| raises ConcurrentEdit (deleted)  | a message on `gone_url`: the object is gone                            |
| raises ServiceError / NotAllowed | the form again with the German message above it; nothing was written   |

Every edit form derives from `VersionedForm`: it carries the version it showed in a hidden field, which the
view passes to the service as `expected_version`. Deletions are confirmed with `confirm_delete`; buttons
without a form of their own (archive, hide, send again) run through `act`; a service whose answer the page
shows itself (a comparison) runs through `run`.

    @requires(MANAGE_STRUCTURE)
    def organisation_edit(request: TenantRequest, pk: int) -> HttpResponse:
        organisation = get_object_or_404(Organisation.objects.of(request.municipality), pk=pk)
        form = OrganisationForm(request.POST or None, municipality=request.municipality,
                                initial=flow.initial(organisation, "name", "kind", "website"))
        done = flow.submit(request, form, lambda: services.update_organisation(
            actor=request.actor, organisation=organisation, expected_version=flow.expected_version(form),
            **_organisation_values(form)),
            success=_("Gespeichert."), next_url=_structure_url(request))
        return done or render(request, "backoffice/structure/form.html", {"form": form, "object": organisation})

Templates show the conflict with the one partial: `{% include "backoffice/_conflict.html" with
conflict=form.conflict %}` (core/_form.html renders the hidden version).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teilhabe.backoffice.core.audit import EntryView, entry_views
from teilhabe.core.errors import ConcurrentEdit, ServiceError
from teilhabe.core.forms import KernForm

T = TypeVar("T")
CONFLICT_TEMPLATE = "backoffice/_conflict.html"
DELETE_TEMPLATE = "backoffice/confirm_delete.html"
STALE_FORM = gettext_lazy("Das Formular ist veraltet oder beschädigt. Bitte laden Sie die Seite neu.")


# --- the version a form showed --------------------------------------------------------------------------


@dataclass(frozen=True)
class Conflict:
    """What the other person changed since the form was opened, for `backoffice/_conflict.html`."""

    message: str
    entries: list[EntryView] = field(default_factory=list)
    current_version: int = 0

    @classmethod
    def of(cls, exc: ConcurrentEdit) -> Conflict:
        return cls(message=exc.message, entries=entry_views(list(exc.entries)), current_version=exc.current_version)


class VersionField(forms.IntegerField):
    """The version of the object as the form showed it (hidden)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 0)
        super().__init__(**kwargs)


class VersionedForm(KernForm):
    """Base of every edit form (a KernForm; combine it with the app's own form bases). A missing or tampered
    version is an error above the form, not at a field nobody sees. `with_version=False` makes the same form
    a create form."""

    version = VersionField()
    conflict: Conflict | None = None
    # Found by a key, not an id (a legal page, a date override): what someone else deleted meanwhile is
    # simply created again, so a "deleted" conflict shows the form again instead of leaving it.
    keyed = False

    def __init__(self, *args: Any, with_version: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not with_version:
            del self.fields["version"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if "version" in self.errors:
            del self.errors["version"]
            self.add_error(None, STALE_FORM)
        return cleaned if cleaned is not None else self.cleaned_data

    def rebind(self, conflict: Conflict) -> None:
        """Keep the person's input, now against the current version, so that saving again applies it on top
        of the other person's change. Forms with more hidden state extend this."""
        self.data = with_values(self.data, {"version": conflict.current_version}, prefix=self.add_prefix)
        self.conflict = conflict


def with_values(data: Mapping[str, Any], values: Mapping[str, Any], *,
                prefix: Callable[[str], str] = str) -> QueryDict:
    """A copy of submitted form data with some values replaced (the person's other input stays)."""
    copy = data.copy() if isinstance(data, QueryDict) else QueryDict(mutable=True)
    if not isinstance(data, QueryDict):
        for key, value in data.items():
            copy[key] = value
    for key, value in values.items():
        copy[prefix(key)] = str(value)
    return copy


def expected_version(form: forms.Form) -> int:
    """The version the (valid) form was opened with: what the service gets as `expected_version`."""
    return int(form.cleaned_data["version"])


def initial(obj: models.Model, *names: str, **extra: Any) -> dict[str, Any]:
    """Initial values of an edit form: the named fields of `obj` and its version."""
    values = {name: getattr(obj, name) for name in names}
    values["version"] = getattr(obj, "version")  # noqa: B009 - every edited model has one
    values.update(extra)
    return values


# --- running a service ----------------------------------------------------------------------------------


def add_errors(form: forms.Form, exc: ValidationError, error_fields: Mapping[str, str] | None = None) -> None:
    """A service's ValidationError onto the form: at the field it names (`error_fields` maps model fields to
    form fields), otherwise above the form. Hidden and disabled fields are not where people look."""
    error_fields = error_fields or {}
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for name, errors in exc.error_dict.items():
        target = error_fields.get(name, name)
        shown = target in form.fields and not form.fields[target].disabled and not form.fields[target].widget.is_hidden
        for error in errors:
            form.add_error(target if shown else None, error)


def _refusal(exc: PermissionDenied) -> str:
    return str(exc) or _("Dazu fehlt Ihnen die Berechtigung.")


@dataclass
class _Outcome:
    done: bool
    value: Any = None
    gone: ConcurrentEdit | None = None


def _attempt(form: forms.Form, service: Callable[[], Any], error_fields: Mapping[str, str] | None) -> _Outcome:
    try:
        return _Outcome(done=True, value=service())
    except ConcurrentEdit as exc:
        conflict = Conflict.of(exc)
        if isinstance(form, VersionedForm) and "version" in form.fields:  # else: a create form
            if not exc.current_version and not form.keyed:
                return _Outcome(done=False, gone=exc)
            form.rebind(conflict)
        else:
            form.add_error(None, exc.message)
    except ValidationError as exc:
        add_errors(form, exc, error_fields)
    except ServiceError as exc:
        form.add_error(None, exc.message)
    except PermissionDenied as exc:  # NotAllowed inside a permitted page, e.g. a tampered id
        form.add_error(None, _refusal(exc))
    return _Outcome(done=False)


def run(form: forms.Form, service: Callable[[], T], *, error_fields: Mapping[str, str] | None = None) -> T | None:
    """Run a service whose answer the view shows itself (a comparison, a preview): a refusal becomes an
    error on the form and the result None."""
    outcome = _attempt(form, service, error_fields)
    return outcome.value if outcome.done else None


def submit(
    request: HttpRequest, form: forms.Form, service: Callable[[], T], *,
    success: str | Callable[[T], str], next_url: str | Callable[[T], str], gone_url: str | None = None,
    error_fields: Mapping[str, str] | None = None, after: Callable[[T], object] | None = None,
) -> HttpResponse | None:
    """On a POST with a valid form, run `service` (a closure over the cleaned data).

    Saved: the `success` message, then `after(result)` (e.g. send an invitation), then a redirect to
    `next_url`. Otherwise None: the view renders the form again, which now carries the service's errors or
    (after a concurrent edit) `form.conflict`. An object someone else deleted meanwhile sends the person to
    `gone_url` (default `next_url`) with the message."""
    if request.method != "POST" or not form.is_valid():
        return None
    outcome = _attempt(form, service, error_fields)
    if outcome.gone is not None:
        messages.error(request, outcome.gone.message)
        target = gone_url if gone_url is not None else next_url
        return HttpResponseRedirect(target if isinstance(target, str) else target(outcome.value))
    if not outcome.done:
        return None
    result: T = outcome.value
    messages.success(request, success if isinstance(success, str) else success(result))
    if after is not None:
        after(result)
    return HttpResponseRedirect(next_url if isinstance(next_url, str) else next_url(result))


def act(request: HttpRequest, service: Callable[[], object], *, success: str) -> bool:
    """A button without a form of its own (archive, hide, send again): success or refusal as a message.
    A concurrent change is a refusal too: the page the person returns to shows the current state."""
    try:
        service()
    except (ValidationError, ServiceError) as exc:
        for message in exc.messages if isinstance(exc, ValidationError) else [exc.message]:
            messages.error(request, message)
    except PermissionDenied as exc:
        messages.error(request, _refusal(exc))
    else:
        messages.success(request, success)
        return True
    return False


# --- deleting -------------------------------------------------------------------------------------------


class DeleteForm(VersionedForm):
    """The confirmation of a deletion: only the version the page showed."""


def confirm_delete(
    request: HttpRequest, *, version: int, delete: Callable[..., object], success: str, done_url: str,
    context: Mapping[str, Any], template: str = DELETE_TEMPLATE,
) -> HttpResponse:
    """GET asks; POST deletes against the version the page showed (`delete(expected_version=…)`).

    A refusal (still in use, your own membership, …) is shown on the page; a concurrent change shows what
    the other person did and asks again against the new version; an object someone else already deleted
    sends the person to `done_url` with the message. `context` fills the template (heading, question,
    cancel URL, what still uses the object, hidden inputs that name the object, …)."""
    form = DeleteForm(request.POST or None, initial={"version": version})
    if request.method == "POST":
        done = submit(request, form, lambda: delete(expected_version=expected_version(form)),
                      success=success, next_url=done_url)
        if done is not None:
            return done
    return render(request, template, {
        "conflict_hint": _("Prüfen Sie die Änderungen und bestätigen Sie das Löschen erneut, wenn es dabei bleibt."),
        **context, "form": form})


__all__ = [
    "CONFLICT_TEMPLATE",
    "Conflict",
    "DeleteForm",
    "VersionField",
    "VersionedForm",
    "act",
    "add_errors",
    "confirm_delete",
    "expected_version",
    "initial",
    "run",
    "submit",
    "with_values",
]
