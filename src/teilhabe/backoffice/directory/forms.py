"""Forms of organisation profiles, invitations and moderation decisions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teilhabe.backoffice.directory import markup
from teilhabe.backoffice.flow import VersionedForm
from teilhabe.core.forms import KernForm
from teilhabe.core.models import Organisation
from teilhabe.core.services import PORTAL_LANGUAGES
from teilhabe.directory.images import MAX_BYTES
from teilhabe.directory.models import FieldOfActivity, OrganisationProfile
from teilhabe.plans.models import TargetGroup

LINKS_HELP = gettext_lazy("Ein Link je Zeile: Text | Adresse, z. B. „Unsere Website | https://verein.example“.")
DESCRIPTION_HELP = gettext_lazy(
    "Absätze durch eine Leerzeile trennen. „## “ am Zeilenanfang macht eine Überschrift, „- “ einen Listenpunkt, "
    "[Linktext](https://…) einen Link – mit einem Linktext, der sagt, wohin er führt.")


class ProfileForm(VersionedForm):
    """The profile editor: plain words for volunteers; Koordination also sees trust and publishing."""

    short_description = forms.CharField(label=gettext_lazy("Kurzbeschreibung"), max_length=300, required=False,
                                        widget=forms.Textarea(attrs={"rows": 2}),
                                        help_text=gettext_lazy("Ein, zwei Sätze für die Übersicht."))
    description = forms.CharField(label=gettext_lazy("Beschreibung"), required=False, help_text=DESCRIPTION_HELP,
                                  widget=forms.Textarea(attrs={"rows": 10}))
    languages = forms.MultipleChoiceField(label=gettext_lazy("Sprachen, in denen Sie beraten und informieren"),
                                          required=False, choices=PORTAL_LANGUAGES,
                                          widget=forms.CheckboxSelectMultiple)
    fields_of_activity = forms.MultipleChoiceField(label=gettext_lazy("Arbeitsfelder"), required=False,
                                                   choices=FieldOfActivity.choices,
                                                   widget=forms.CheckboxSelectMultiple)
    target_groups = forms.MultipleChoiceField(label=gettext_lazy("Zielgruppen"), required=False,
                                              widget=forms.CheckboxSelectMultiple)
    district = forms.CharField(label=gettext_lazy("Stadtteil"), max_length=100, required=False)
    address = forms.CharField(label=gettext_lazy("Adresse"), max_length=300, required=False)
    opening_hours = forms.CharField(label=gettext_lazy("Öffnungszeiten"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 3}))
    contact_person = forms.CharField(label=gettext_lazy("Ansprechperson"), max_length=200, required=False)
    contact_email = forms.EmailField(label=gettext_lazy("E-Mail"), required=False)
    contact_phone = forms.CharField(label=gettext_lazy("Telefon"), max_length=50, required=False)
    contact_consent = forms.BooleanField(
        label=gettext_lazy("Die Ansprechperson ist einverstanden, dass ihr Kontakt öffentlich gezeigt wird"),
        required=False)
    logo = forms.FileField(label=gettext_lazy("Logo (PNG, JPEG oder WebP, höchstens 5 MB)"), required=False,
                           widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}))
    remove_logo = forms.BooleanField(label=gettext_lazy("Logo entfernen"), required=False)
    logo_alt = forms.CharField(label=gettext_lazy("Was zeigt das Logo? (Alternativtext)"), max_length=200,
                               required=False)
    links = forms.CharField(label=gettext_lazy("Links"), required=False, help_text=LINKS_HELP,
                            widget=forms.Textarea(attrs={"rows": 3}))
    trusted = forms.BooleanField(label=gettext_lazy("Vertrauenswürdig: Änderungen ohne Freigabe veröffentlichen"),
                                 required=False)
    published = forms.BooleanField(label=gettext_lazy("Auf dem Portal veröffentlicht"), required=False)

    def __init__(self, *args: Any, manage: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target_groups"].choices = [  # type: ignore[attr-defined]
            (str(pk), name) for pk, name in TargetGroup.objects.order_by("name").values_list("pk", "name")]
        if not manage:
            del self.fields["trusted"], self.fields["published"]

    @staticmethod
    def initial_of(profile: OrganisationProfile) -> dict[str, Any]:
        return {
            "short_description": profile.short_description, "description": markup.from_html(profile.description),
            "languages": profile.languages, "fields_of_activity": profile.fields_of_activity,
            "target_groups": [str(g.pk) for g in profile.target_groups.all()] if profile.pk else [],
            "district": profile.district, "address": profile.address, "opening_hours": profile.opening_hours,
            "contact_person": profile.contact_person, "contact_email": profile.contact_email,
            "contact_phone": profile.contact_phone, "contact_consent": profile.contact_consent,
            "logo_alt": profile.logo_alt, "trusted": profile.trusted, "published": profile.published,
            "links": "\n".join(f"{link.get('label', '')} | {link.get('url', '')}" for link in profile.links or []),
            "version": profile.version if profile.pk else 0,
        }

    def clean_logo(self) -> Any:
        upload = self.cleaned_data.get("logo")
        if upload and upload.size > MAX_BYTES:
            raise forms.ValidationError(_("Das Bild ist zu groß (höchstens 5 MB)."))
        return upload

    def clean_links(self) -> list[dict[str, str]]:
        links = []
        for line in (self.cleaned_data.get("links") or "").splitlines():
            if not line.strip():
                continue
            label, _sep, url = line.rpartition("|") if "|" in line else ("", "", line)
            links.append({"label": label.strip(), "url": url.strip()})
        return links

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "short_description": data["short_description"], "description": markup.to_html(data["description"]),
            "languages": data["languages"], "fields_of_activity": data["fields_of_activity"],
            "target_groups": data["target_groups"], "district": data["district"], "address": data["address"],
            "opening_hours": data["opening_hours"], "contact_person": data["contact_person"],
            "contact_email": data["contact_email"], "contact_phone": data["contact_phone"],
            "contact_consent": data["contact_consent"], "logo_alt": data["logo_alt"], "links": data["links"],
        }


class InviteForm(KernForm):
    first_name = forms.CharField(label=gettext_lazy("Vorname"), max_length=150)
    last_name = forms.CharField(label=gettext_lazy("Nachname"), max_length=150)
    email = forms.EmailField(label=gettext_lazy("E-Mail"),
                             help_text=gettext_lazy("An diese Adresse geht der Link zum Festlegen des Passworts."))


class RejectForm(KernForm):
    comment = forms.CharField(label=gettext_lazy("Begründung (nur intern)"), max_length=2000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))


class ProfileFilterForm(KernForm):
    STATES = [("", gettext_lazy("alle")), ("published", gettext_lazy("veröffentlicht")),
              ("unpublished", gettext_lazy("nicht veröffentlicht")), ("pending", gettext_lazy("Änderung wartet")),
              ("trusted", gettext_lazy("vertrauenswürdig")), ("none", gettext_lazy("noch kein Profil"))]
    q = forms.CharField(label=gettext_lazy("Name enthält"), required=False, max_length=100)
    kind = forms.ChoiceField(label=gettext_lazy("Art"), required=False,
                             choices=[("", gettext_lazy("alle")), *Organisation.Kind.choices])
    state = forms.ChoiceField(label=gettext_lazy("Stand"), required=False, choices=STATES)

    def valid_values(self) -> dict[str, Any]:
        self.is_valid()
        return {name: self.cleaned_data.get(name) or "" for name in self.fields if name not in self.errors}
