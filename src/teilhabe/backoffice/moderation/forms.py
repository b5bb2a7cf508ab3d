"""The form of returning a proposed change."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from teilhabe.core.forms import KernForm


class ReturnForm(KernForm):
    comment = forms.CharField(label=gettext_lazy("Was soll die Organisation ändern?"), max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 4}))
