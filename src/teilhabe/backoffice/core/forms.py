"""Forms for the administration's structure: org units, organisations and people.
Choices are limited to the municipality at hand, so a foreign id is a form error, never a write."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from teilhabe.backoffice.flow import VersionedForm
from teilhabe.backoffice.widgets import ChoiceList
from teilhabe.core.forms import KernForm
from teilhabe.core.models import Municipality, Organisation, OrgUnit
from teilhabe.core.roles import Role
from teilhabe.core.selectors import org_unit_choices, organisations
from teilhabe.core.validators import validate_no_markup, validate_web_address

PLAIN = [validate_no_markup]


class _Municipal(KernForm):
    """A form whose choices come from one municipality."""

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        self.municipality = municipality
        super().__init__(*args, **kwargs)


class OrgUnitForm(VersionedForm, _Municipal):
    name = forms.CharField(label=_("Name"), max_length=200, validators=PLAIN)
    short_name = forms.CharField(label=_("Kürzel"), max_length=40, required=False, validators=PLAIN,
                                 help_text=_("z. B. Amt 16"))
    kind = forms.ChoiceField(label=_("Art"), choices=OrgUnit.Kind.choices, initial=OrgUnit.Kind.AMT)
    parent = forms.TypedChoiceField(label=_("Übergeordnete Einheit"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, unit: OrgUnit | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The unit itself is not offered; moving it below one of its own sub-units is refused by the service.
        choices = [(pk, label) for pk, label in org_unit_choices(self.municipality) if unit is None or pk != unit.pk]
        cast(forms.ChoiceField, self.fields["parent"]).choices = [("", _("– keine (oberste Ebene) –")), *choices]

    def clean_parent(self) -> OrgUnit | None:
        pk = self.cleaned_data.get("parent")
        if pk is None:
            return None
        parent = OrgUnit.objects.of(self.municipality).filter(pk=pk).first()
        if parent is None:
            raise ValidationError(_("Bitte wählen Sie eine Einheit aus der Liste."))
        return parent


class OrganisationForm(VersionedForm, _Municipal):
    name = forms.CharField(label=_("Name"), max_length=200, validators=PLAIN)
    kind = forms.ChoiceField(label=_("Art"), choices=Organisation.Kind.choices, initial=Organisation.Kind.ASSOCIATION)
    website = forms.URLField(label=_("Website"), required=False, max_length=200, assume_scheme="https",
                             validators=[validate_web_address])


class _Assignments(_Municipal):
    """Role plus the org units and organisations a person acts for (relevant for Fachstelle)."""

    role = forms.ChoiceField(label=_("Rolle"), choices=Role.choices, initial=Role.FACHSTELLE, help_text=_(
        "Koordination: alles am Plan und an der Struktur. Fachstelle: bearbeitet nur Maßnahmen, bei denen "
        "eine ihrer Einheiten oder Organisationen federführend oder Partner ist. Lesend: nur lesen."))
    org_units = forms.TypedMultipleChoiceField(
        label=_("Verwaltungseinheiten"), coerce=int, required=False,
        widget=ChoiceList(filter_label=_("Verwaltungseinheiten filtern")),
        help_text=_("Wer einer Einheit angehört, ist auch für deren Untereinheiten zuständig."),
    )
    organisations = forms.TypedMultipleChoiceField(
        label=_("Organisationen"), coerce=int, required=False,
        widget=ChoiceList(filter_label=_("Organisationen filtern")),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["org_units"]).choices = org_unit_choices(self.municipality)
        cast(forms.ChoiceField, self.fields["organisations"]).choices = [
            (o.pk, o.name) for o in organisations(self.municipality)]

    def clean_org_units(self) -> list[OrgUnit]:
        return list(OrgUnit.objects.of(self.municipality).filter(pk__in=self.cleaned_data["org_units"]))

    def clean_organisations(self) -> list[Organisation]:
        return list(Organisation.objects.of(self.municipality).filter(pk__in=self.cleaned_data["organisations"]))


class MemberCreateForm(_Assignments):
    username = forms.CharField(label=_("Benutzername"), max_length=150, help_text=_(
        "Buchstaben, Ziffern und @ . + - _; damit meldet sich die Person an. Er erhält die Endung der "
        "Kommune, z. B. „m.kaya.heidelberg“."))
    first_name = forms.CharField(label=_("Vorname"), max_length=150, required=False, validators=PLAIN)
    last_name = forms.CharField(label=_("Nachname"), max_length=150, required=False, validators=PLAIN)
    email = forms.EmailField(label=_("E-Mail-Adresse"), help_text=_(
        "An diese Adresse geht ein Link, mit dem die Person ihr Passwort selbst festlegt."))

    field_order = ["username", "first_name", "last_name", "email", "role", "org_units", "organisations"]


class MemberEditForm(VersionedForm, _Assignments):
    pass
