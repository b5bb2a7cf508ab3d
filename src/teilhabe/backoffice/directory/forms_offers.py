"""Forms of the offers and the inventory. Choices come from one municipality, so a foreign id is a form error,
never a write. The offer form is kept short for volunteers: what most offers need comes first, the rest in
groups below."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.backoffice.flow import VersionedForm
from teilhabe.backoffice.widgets import Choice, ChoiceList
from teilhabe.core.forms import KernForm
from teilhabe.core.i18n import ENDONYMS
from teilhabe.core.models import Municipality, Organisation, OrgUnit
from teilhabe.core.richtext import to_plain
from teilhabe.core.validators import validate_no_markup, validate_web_address
from teilhabe.directory.models import InventoryRound, Offer, OfferCategory
from teilhabe.plans.models import Measure, TargetGroup

PLAIN = [validate_no_markup]


def language_choices(municipality: Municipality) -> list[tuple[str, str]]:
    """The portal's languages first, then every language Teilhabe knows by name."""
    first = [c for c in municipality.content_languages if c in ENDONYMS]
    rest = [c for c in ENDONYMS if c not in first]
    return [(code, f"{ENDONYMS[code]} ({code})") for code in [*first, *rest]]


class OfferForm(VersionedForm):
    title = forms.CharField(label=_("Titel"), max_length=200, validators=PLAIN,
                            help_text=_("z. B. „Deutschkurs für Frauen mit Kinderbetreuung“"))
    category = forms.TypedChoiceField(label=_("Kategorie"), coerce=int)
    provider = forms.ChoiceField(label=_("Anbieter"), required=False)
    description = forms.CharField(
        label=_("Beschreibung"), required=False, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Was erwartet die Teilnehmenden? Absätze durch Leerzeilen. Erlaubt sind Überschriften (h2–h4), "
                    "Listen und Links mit aussagekräftigem Text; alles andere wird entfernt."))
    languages = forms.MultipleChoiceField(label=_("Sprachen des Angebots"), required=False,
                                          widget=ChoiceList(filter_label=_("Sprachen filtern")))
    target_groups = forms.TypedMultipleChoiceField(label=_("Zielgruppen"), coerce=int, required=False,
                                                   widget=ChoiceList(filter_label=_("Zielgruppen filtern")))
    place = forms.CharField(label=_("Ort / Adresse"), max_length=300, required=False, validators=PLAIN)
    district = forms.CharField(label=_("Stadtteil"), max_length=100, required=False, validators=PLAIN)
    is_online = forms.BooleanField(label=_("Findet online statt"), required=False)
    online_url = forms.URLField(label=_("Online-Adresse"), required=False, assume_scheme="https",
                                validators=[validate_web_address])
    schedule = forms.CharField(label=_("Zeiten / Öffnungszeiten"), required=False, validators=PLAIN,
                               widget=forms.Textarea(attrs={"rows": 2}), help_text=_("z. B. „dienstags 18–20 Uhr“"))
    is_free = forms.BooleanField(label=_("Kostenlos"), required=False)
    cost = forms.CharField(label=_("Kosten"), max_length=300, required=False, validators=PLAIN)
    registration_required = forms.BooleanField(label=_("Anmeldung nötig"), required=False)
    registration = forms.CharField(label=_("So melden Sie sich an"), max_length=500, required=False,
                                   validators=PLAIN)
    step_free = forms.BooleanField(label=_("Stufenlos erreichbar"), required=False)
    sign_language = forms.BooleanField(label=_("Mit Gebärdensprache"), required=False)
    childcare = forms.BooleanField(label=_("Mit Kinderbetreuung"), required=False)
    contact_name = forms.CharField(label=_("Ansprechperson"), max_length=200, required=False, validators=PLAIN)
    contact_email = forms.EmailField(label=_("E-Mail"), required=False)
    contact_phone = forms.CharField(label=_("Telefon"), max_length=60, required=False, validators=PLAIN)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https",
                             validators=[validate_web_address])
    measures = forms.TypedMultipleChoiceField(
        label=_("Maßnahmen des Integrationsplans"), coerce=int, required=False,
        widget=ChoiceList(filter_label=_("Maßnahmen filtern")),
        help_text=_("Welche Maßnahmen setzt dieses Angebot um?"))
    state = forms.ChoiceField(label=_("Stand"), choices=Offer.State.choices, initial=Offer.State.DRAFT,
                              widget=forms.RadioSelect)

    GROUPS = (
        (_("Das Angebot"), ("title", "category", "provider", "description", "languages", "target_groups")),
        (_("Ort und Zeit"), ("place", "district", "is_online", "online_url", "schedule")),
        (_("Kosten und Anmeldung"), ("is_free", "cost", "registration_required", "registration")),
        (_("Barrierefreiheit"), ("step_free", "sign_language", "childcare")),
        (_("Kontakt"), ("contact_name", "contact_email", "contact_phone", "website")),
        (_("Integrationsplan und Veröffentlichung"), ("measures", "state")),
    )

    def __init__(self, *args: Any, municipality: Municipality, categories: Sequence[tuple[int, str]],
                 organisations: Sequence[Organisation], org_units: Sequence[OrgUnit],
                 target_groups: Sequence[TargetGroup], measures: Sequence[Measure], provider_required: bool,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self._organisations = {o.pk: o for o in organisations}
        self._units = {u.pk: u for u in org_units}
        self._groups = {g.pk: g for g in target_groups}
        self._measures = {m.pk: m for m in measures}
        fields = self.fields
        fields["category"].choices = [("", _("– bitte wählen –")), *categories]  # type: ignore[attr-defined]
        provider_choices: list[Any] = [] if provider_required else [("", _("– kein Anbieter angegeben –"))]
        if organisations:
            provider_choices.append((_("Organisationen"), [(f"o{o.pk}", o.name) for o in organisations]))
        if org_units:
            provider_choices.append((_("Verwaltung"), [(f"u{u.pk}", u.name) for u in org_units]))
        fields["provider"].choices = provider_choices  # type: ignore[attr-defined]
        fields["provider"].required = provider_required
        fields["languages"].choices = language_choices(municipality)  # type: ignore[attr-defined]
        fields["target_groups"].choices = [(g.pk, g.name) for g in target_groups]  # type: ignore[attr-defined]
        fields["measures"].choices = [  # type: ignore[attr-defined]
            (m.pk, Choice(f"{m.reference} {m.title}".strip(), str(m.field))) for m in measures]

    def field_groups(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [(title, [self[name] for name in names]) for title, names in self.GROUPS]

    def clean_category(self) -> OfferCategory:
        found = OfferCategory.objects.of(self.municipality).filter(pk=self.cleaned_data.get("category")).first()
        if found is None:
            raise forms.ValidationError(_("Bitte wählen Sie eine Kategorie aus der Liste."))
        return found

    def clean_provider(self) -> tuple[Organisation | None, OrgUnit | None]:
        value = self.cleaned_data.get("provider") or ""
        if not value:
            return None, None
        kind, pk = value[0], value[1:]
        found = (self._organisations if kind == "o" else self._units if kind == "u" else {}).get(
            int(pk) if pk.isdigit() else 0)
        if found is None:
            raise forms.ValidationError(_("Bitte wählen Sie einen Anbieter aus der Liste."))
        return (found, None) if kind == "o" else (None, found)  # type: ignore[return-value]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not cleaned.get("is_online") and not cleaned.get("place") and not cleaned.get("district") \
                and "place" not in self.errors:
            self.add_error("place", _("Bitte geben Sie einen Ort oder Stadtteil an – oder wählen Sie „Findet "
                                      "online statt“."))
        return cleaned

    def values(self) -> dict[str, Any]:
        d = self.cleaned_data
        organisation, unit = d["provider"]
        return {
            "title": d["title"], "category": d["category"], "provider_organisation": organisation,
            "provider_org_unit": unit, "description": d["description"], "languages": d["languages"],
            "target_groups": [self._groups[pk] for pk in d["target_groups"] if pk in self._groups],
            "place": d["place"], "district": d["district"], "is_online": d["is_online"],
            "online_url": d["online_url"], "schedule": d["schedule"], "is_free": d["is_free"], "cost": d["cost"],
            "registration_required": d["registration_required"], "registration": d["registration"],
            "step_free": d["step_free"], "sign_language": d["sign_language"], "childcare": d["childcare"],
            "contact_name": d["contact_name"], "contact_email": d["contact_email"],
            "contact_phone": d["contact_phone"], "website": d["website"],
            "measures": [self._measures[pk] for pk in d["measures"] if pk in self._measures], "state": d["state"],
        }


def offer_initial(offer: Offer) -> dict[str, Any]:
    provider = (f"o{offer.provider_organisation_id}" if offer.provider_organisation_id
                else f"u{offer.provider_org_unit_id}" if offer.provider_org_unit_id else "")
    names = [n for n in OfferForm.base_fields if n not in ("version", "provider", "category", "target_groups",
                                                            "measures")]
    values = {name: getattr(offer, name) for name in names}
    if not re.search(r"<(?!/?(p|br)\b)", offer.description or ""):
        values["description"] = to_plain(offer.description)  # simple paragraphs are edited as plain text
    values.update({
        "version": offer.version, "provider": provider, "category": offer.category_id,
        "target_groups": [g.pk for g in offer.target_groups.all()], "measures": [m.pk for m in offer.measures.all()],
    })
    return values


class OfferFilterForm(KernForm):
    """The back-office list's filters; an invalid value is ignored (and shown at its field)."""

    q = forms.CharField(label=_("Suche"), required=False, max_length=200)
    kategorie = forms.TypedChoiceField(label=_("Kategorie"), coerce=int, required=False, empty_value=None)
    sprache = forms.ChoiceField(label=_("Sprache"), required=False)
    stadtteil = forms.ChoiceField(label=_("Stadtteil"), required=False)
    stand = forms.ChoiceField(label=_("Stand"), required=False,
                              choices=[("", _("alle")), *Offer.State.choices])

    def __init__(self, *args: Any, categories: Sequence[tuple[int, str]], languages: Sequence[tuple[str, str]],
                 districts: Sequence[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kategorie"].choices = [("", _("alle")), *categories]  # type: ignore[attr-defined]
        self.fields["sprache"].choices = [("", _("alle")), *languages]  # type: ignore[attr-defined]
        self.fields["stadtteil"].choices = [("", _("alle")), *[(d, d) for d in districts]]  # type: ignore[attr-defined]

    def valid_values(self) -> dict[str, Any]:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data.get(name) for name in self.fields if name not in self.errors}


class RoundForm(VersionedForm):
    title = forms.CharField(label=_("Titel"), max_length=200, validators=PLAIN,
                            initial=_("Bestandsaufnahme der Integrationsangebote"))
    deadline = forms.DateField(label=_("Frist"), widget=forms.DateInput(attrs={"type": "date"}))
    message = forms.CharField(label=_("Nachricht an die Organisationen"), required=False, validators=PLAIN,
                              widget=forms.Textarea(attrs={"rows": 4}))
    remind_days_before = forms.IntegerField(label=_("Erinnerung vor der Frist (Tage)"), min_value=0,
                                            max_value=60, initial=7,
                                            help_text=_("0: keine Erinnerung."))


class AnswerForm(VersionedForm):
    keyed = True
    confirmed_offers = forms.TypedMultipleChoiceField(
        label=_("Diese Angebote gibt es weiterhin"), coerce=int, required=False, widget=ChoiceList())
    no_offers = forms.BooleanField(label=_("Wir haben derzeit keine Angebote"), required=False)
    note = forms.CharField(label=_("Anmerkung"), required=False, validators=PLAIN,
                           widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, offers: Sequence[Offer], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._offers = {o.pk: o for o in offers}
        self.fields["confirmed_offers"].choices = [(o.pk, o.title) for o in offers]  # type: ignore[attr-defined]

    def confirmed(self) -> list[Offer]:
        return [self._offers[pk] for pk in self.cleaned_data["confirmed_offers"] if pk in self._offers]


ROUND_STATES = InventoryRound.State
