"""Give forms that are not KernForms (Django's own auth forms) the same KERN classes and error wiring."""

from __future__ import annotations

from django import forms, template

from teilhabe.core.forms import KernFormMixin, add_kern_classes, wire_errors

register = template.Library()


@register.filter
def kern(form: forms.BaseForm) -> forms.BaseForm:
    """Apply KernFormMixin's widget classes and aria attributes to an already built form, once."""
    if isinstance(form, KernFormMixin) or getattr(form, "_kern_applied", False):
        return form
    add_kern_classes(form)
    if form.is_bound:
        wire_errors(form)
    form._kern_applied = True  # type: ignore[attr-defined]
    return form
