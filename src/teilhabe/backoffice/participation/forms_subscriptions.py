"""Forms of subscriptions in the back office: the search by address, and the one-button subscription of a
member to a body."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernForm
from teilhabe.participation.models import Subscription


class AddressSearchForm(KernForm):
    adresse = forms.EmailField(label=_("E-Mail-Adresse"), max_length=254, required=False,
                               help_text=_("Die ganze Adresse, um jemandem beim Abbestellen zu helfen."))


class MemberSubscribeForm(KernForm):
    gremium = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    frequency = forms.ChoiceField(label=_("Häufigkeit"), choices=Subscription.Frequency.choices,
                                  initial=Subscription.Frequency.WEEKLY)
