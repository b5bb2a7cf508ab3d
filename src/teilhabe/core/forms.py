"""Form helpers: KERN classes and accessible error wiring for every widget, plain-text checks."""

from __future__ import annotations

from typing import Any

from django import forms


class KernFormMixin:
    """Give widgets KERN's classes and point aria-describedby at hints and errors."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for field in self.fields.values():  # type: ignore[attr-defined]
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

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in getattr(self, "errors", {}):
            if name in self.fields:  # type: ignore[attr-defined]
                attrs = self.fields[name].widget.attrs  # type: ignore[attr-defined]
                attrs["aria-invalid"] = "true"
                count = len(self.errors[name])  # type: ignore[attr-defined]
                prefix = self[name].auto_id  # type: ignore[index]
                ids = [f"{prefix}_error{i}" for i in range(1, count + 1)]
                attrs["aria-describedby"] = " ".join([*ids, attrs.get("aria-describedby", "")]).strip()


class KernForm(KernFormMixin, forms.Form):
    pass


class KernModelForm(KernFormMixin, forms.ModelForm):
    pass
