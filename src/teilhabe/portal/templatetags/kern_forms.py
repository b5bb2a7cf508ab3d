"""Give forms that are not KernForms (Django's own auth forms) the same KERN classes and error wiring."""

from __future__ import annotations

from django import forms, template

from teilhabe.core.forms import KernFormMixin

register = template.Library()


@register.filter
def kern(form: forms.BaseForm) -> forms.BaseForm:
    """Apply KernFormMixin's widget classes and aria attributes to an already built form, once."""
    if isinstance(form, KernFormMixin) or getattr(form, "_kern_applied", False):
        return form
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
    if form.is_bound:
        for name, errors in form.errors.items():
            if name in form.fields:
                attrs = form.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                prefix = form[name].auto_id
                ids = [f"{prefix}_error{i}" for i in range(1, len(errors) + 1)]
                attrs["aria-describedby"] = " ".join([*ids, attrs.get("aria-describedby", "")]).strip()
    form._kern_applied = True  # type: ignore[attr-defined]
    return form
