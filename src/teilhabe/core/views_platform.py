"""Platform administration (superusers only): the municipalities of this installation."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teilhabe.core.forms import KernForm
from teilhabe.core.models import Membership, Municipality
from teilhabe.core.roles import Actor, Role
from teilhabe.core.services import PORTAL_LANGUAGES, create_municipality
from teilhabe.core.tenancy import across_municipalities
from teilhabe.core.validators import BUNDESLAENDER, validate_no_markup, validate_slug_not_reserved


def platform_admin_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Anonymous → login; signed in without being a platform administrator → 403."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_superuser:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


class MunicipalityForm(KernForm):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200, validators=[validate_no_markup],
                           help_text=gettext_lazy("z. B. Stadt Heidelberg"))
    slug = forms.SlugField(
        label=gettext_lazy("Kurzbezeichnung"), max_length=60, validators=[validate_slug_not_reserved],
        help_text=gettext_lazy("Kleinbuchstaben, Ziffern und Bindestriche; erscheint in allen Adressen, "
                               "z. B. /heidelberg/."),
    )
    ags = forms.CharField(
        label=gettext_lazy("Amtlicher Gemeindeschlüssel (AGS)"), max_length=8, min_length=8,
        help_text=gettext_lazy("8 Ziffern, z. B. 08221000 für Heidelberg. Das Bundesland ergibt sich aus den "
                               "ersten beiden Ziffern."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    languages = forms.MultipleChoiceField(
        label=gettext_lazy("Sprachen des Portals"), choices=PORTAL_LANGUAGES, required=False,
        initial=["de", "en"], widget=forms.CheckboxSelectMultiple(attrs={"class": "kern-form-check__checkbox"}),
        help_text=gettext_lazy("Deutsch ist immer dabei."),
    )


@platform_admin_required
def municipality_list(request: HttpRequest) -> HttpResponse:
    with across_municipalities():  # the platform's overview of every municipality
        members = dict(Membership.objects.values("municipality_id").annotate(n=Count("id")).values_list(
            "municipality_id", "n"))
        coordinated = set(
            Membership.objects.filter(role=Role.KOORDINATION).values_list("municipality_id", flat=True).distinct()
        )
    rows = [{"m": m, "land": BUNDESLAENDER.get(m.ags[:2], ("", m.land))[1], "members": members.get(m.pk, 0),
             "has_coordination": m.pk in coordinated}
            for m in Municipality.objects.order_by("name")]
    return render(request, "core/platform/municipality_list.html", {"rows": rows})


@platform_admin_required
def municipality_create(request: HttpRequest) -> HttpResponse:
    form = MunicipalityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        actor = Actor(user_id=request.user.pk, municipality_id=0, role=None, is_platform_admin=True)
        try:
            municipality = create_municipality(actor=actor, name=d["name"], slug=d["slug"], ags=d["ags"],
                                               languages=d["languages"])
        except ValidationError as exc:
            for name, errors in exc.message_dict.items():
                for message in errors:
                    form.add_error(name if name in form.fields else None, message)
        else:
            messages.success(request, _("Die Kommune „%(name)s“ (%(land)s) wurde angelegt. Legen Sie jetzt die "
                                        "erste Person mit der Rolle Koordination an.")
                             % {"name": municipality.name, "land": municipality.get_land_display()})
            return redirect("platform:municipality_created", slug=municipality.slug)
    return render(request, "core/platform/municipality_form.html", {"form": form})


@platform_admin_required
def municipality_created(request: HttpRequest, slug: str) -> HttpResponse:
    """Next steps after creating a municipality: its first Koordination user, its back office."""
    municipality = Municipality.objects.filter(slug=slug).first()
    if municipality is None:
        return render(request, "core/error.html", {"status": 404, "title": _("Seite nicht gefunden"),
                                                   "text": _("Diese Kommune gibt es nicht.")}, status=404)
    return render(request, "core/platform/municipality_created.html", {"m": municipality})
