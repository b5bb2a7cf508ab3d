"""Form helpers: KERN classes and accessible error wiring for every widget, plain-text checks."""

from __future__ import annotations

from typing import Any

from django import forms


def add_kern_classes(form: forms.BaseForm) -> None:
    """Give every widget of a form KERN's class for its kind."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            css = "kern-form-check__checkbox"
        elif isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
            css = ""
        elif isinstance(widget, forms.Select):
            css = "kern-form-input__select"
        else:
            css = "kern-form-input__input"
        if css:
            widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()


def wire_errors(form: forms.BaseForm) -> None:
    """Mark invalid widgets and point aria-describedby at their error messages (ids from core/_field.html)."""
    for name, errors in form.errors.items():
        if name in form.fields:
            attrs = form.fields[name].widget.attrs
            attrs["aria-invalid"] = "true"
            prefix = form[name].auto_id
            ids = [f"{prefix}_error{i}" for i in range(1, len(errors) + 1)]
            attrs["aria-describedby"] = " ".join([*ids, attrs.get("aria-describedby", "")]).strip()


class KernFormMixin:
    """Give widgets KERN's classes and point aria-describedby at hints and errors."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        add_kern_classes(self)  # type: ignore[arg-type]

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        wire_errors(self)  # type: ignore[arg-type]


class KernForm(KernFormMixin, forms.Form):
    pass


class KernModelForm(KernFormMixin, forms.ModelForm):
    pass
