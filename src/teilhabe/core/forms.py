"""Form helpers: KERN classes and accessible error wiring for every widget, plain-text checks."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from teilhabe.core.cleaning import clean_query_param, clean_text


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


def is_multiline(field: forms.Field) -> bool:
    return isinstance(field.widget, forms.Textarea)


def cleans_as_text(field: forms.Field) -> bool:
    """Text the user typed: every CharField (also e-mail, URL, slug) except passwords, which are only
    hashed and must not be normalised."""
    return isinstance(field, forms.CharField) and not isinstance(field.widget, forms.PasswordInput)


def check_raw(value: Any) -> None:
    """Refuse control characters in the submitted value of any field (choices, ids, lists too) before the
    field looks at it: a NUL in a choice or key must not reach a database query."""
    values = value if isinstance(value, list | tuple) else [value]
    for item in values:
        if isinstance(item, str):
            clean_query_param(item)
        elif item is not None and not isinstance(item, UploadedFile | bytes | int | float | bool):
            clean_query_param(str(item))


def clean_field_value(field: forms.Field, value: Any) -> Any:
    """The one place form input is cleaned (see teilhabe.core.cleaning): text of CharFields through
    clean_text (multi-line for Textarea widgets), everything else is left as it is."""
    if isinstance(value, str) and cleans_as_text(field):
        return clean_text(value, multiline=is_multiline(field))
    return value


class KernFormMixin:
    """Give widgets KERN's classes and point aria-describedby at hints and errors; run every field's input
    through the input-cleaning layer (control characters, bidirectional overrides) before anything else."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        add_kern_classes(self)  # type: ignore[arg-type]

    def _clean_fields(self) -> None:
        """Django's own loop (5.2), with the cleaning layer in front of each field's clean(): typed text
        through clean_text, every other submitted value (choices, ids, lists) checked for control
        characters before a field can look it up in the database."""
        form: Any = self
        for name, bf in form._bound_items():
            field = bf.field
            try:
                if field.disabled:  # the initial value, not user input
                    form.cleaned_data[name] = field._clean_bound_field(bf)
                elif isinstance(bf.data, str) and cleans_as_text(field):
                    # cleaned before the field's own checks, so they see the text as it will be stored
                    form.cleaned_data[name] = field.clean(clean_field_value(field, bf.data))
                else:
                    if not isinstance(field.widget, forms.PasswordInput):
                        check_raw(bf.data)
                    form.cleaned_data[name] = field._clean_bound_field(bf)
                if hasattr(form, f"clean_{name}"):
                    form.cleaned_data[name] = getattr(form, f"clean_{name}")()
            except ValidationError as error:
                form.add_error(name, error)

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        wire_errors(self)  # type: ignore[arg-type]


class KernForm(KernFormMixin, forms.Form):
    pass


class KernModelForm(KernFormMixin, forms.ModelForm):
    pass
