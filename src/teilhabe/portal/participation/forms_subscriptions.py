"""The portal's subscription forms: subscribing to the process, a body or a field of action, following a
proposal, and the choices on the page a mail's link leads to."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernForm
from teilhabe.core.i18n import FALLBACK_LANGUAGE, interface_language, language_name, offered_languages
from teilhabe.core.models import Municipality
from teilhabe.participation.models import Body, Subscription

EMAIL_MAX = 254


def mail_languages(municipality: Municipality) -> list[str]:
    """The languages mails can be written in: German and the portal's languages with an interface catalogue."""
    offered = offered_languages(municipality)
    codes = [FALLBACK_LANGUAGE] + [c for c in offered if interface_language(municipality, c) == c]
    return list(dict.fromkeys(codes))


def topic_choices(bodies: list[Body], field_titles: list[str]) -> list[Any]:
    """One select: the whole process, each public body, each field of action (grouped)."""
    choices: list[Any] = [("all", _("den ganzen Beteiligungsprozess"))]
    if bodies:
        choices.append((_("ein Gremium"), [(f"body:{b.pk}", b.name) for b in bodies]))
    if field_titles:
        choices.append((_("ein Handlungsfeld"), [(f"field:{t}", t) for t in field_titles]))
    return choices


class _Honeypot(KernForm):
    # Hidden from people by CSS (display: none, so also from screen readers); naive bots fill it.
    website = forms.CharField(label=_("Bitte dieses Feld leer lassen"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    @property
    def is_spam(self) -> bool:
        return bool(str(self.data.get("website", "")).strip())

    def visible_fields(self) -> list[Any]:
        return [f for f in super().visible_fields() if f.name != "website"]


class SubscribeForm(_Honeypot):
    topic = forms.ChoiceField(label=_("Worüber möchten Sie informiert werden?"),
                              error_messages={"invalid_choice": _("Bitte wählen Sie ein Thema aus der Liste.")})
    frequency = forms.ChoiceField(label=_("Wie oft?"), choices=Subscription.Frequency.choices,
                                  initial=Subscription.Frequency.WEEKLY,
                                  help_text=_("Sofort: eine E-Mail, sobald es Neues gibt. Wöchentlich: montags "
                                              "eine Übersicht."))
    language = forms.ChoiceField(label=_("Sprache der E-Mails"))
    email = forms.EmailField(label=_("Ihre E-Mail-Adresse"), max_length=EMAIL_MAX,
                             error_messages={"invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse an."),
                                             "required": _("Bitte geben Sie Ihre E-Mail-Adresse an.")})
    consent = forms.BooleanField(
        label=_("Ich bin einverstanden, dass die Kommune meine E-Mail-Adresse speichert, um mir diese Neuigkeiten "
                "zu schicken, bis ich sie abbestelle."),
        error_messages={"required": _("Ohne Ihr Einverständnis können wir Ihnen keine E-Mails schicken.")})

    def __init__(self, *args: Any, bodies: list[Body], field_titles: list[str], languages: list[str],
                 logged_in: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = topic_choices(bodies, field_titles)  # type: ignore[attr-defined]
        self.fields["language"].choices = [(c, language_name(c)) for c in languages]  # type: ignore[attr-defined]
        if logged_in:  # the account's address is used; consent is given by subscribing with one's account
            del self.fields["email"]
            del self.fields["consent"]
        order = ["topic", "frequency", "language", "email", "consent", "website"]
        self.order_fields([name for name in order if name in self.fields])


class FollowForm(_Honeypot):
    """Follow one proposal: the address (unless logged in) and consent; mails come as soon as it changes."""

    proposal = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    email = SubscribeForm.base_fields["email"]
    consent = SubscribeForm.base_fields["consent"]

    def __init__(self, *args: Any, logged_in: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if logged_in:
            del self.fields["email"]
            del self.fields["consent"]


class ManageForm(KernForm):
    frequency = forms.ChoiceField(label=_("Wie oft möchten Sie E-Mails erhalten?"),
                                  choices=Subscription.Frequency.choices)
