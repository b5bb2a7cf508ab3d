"""`teilhabe add-municipality` and the service behind it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from teilhabe.core import services
from teilhabe.core.errors import NotAllowed
from teilhabe.core.models import AuditEntry, Municipality
from teilhabe.core.tenancy import municipality_scope


def test_creates_municipality_with_land_from_ags(db, capsys):
    call_command("add_municipality", "waiblingen", name="Waiblingen", ags="08119079", languages="de,tr,ar")
    m = Municipality.objects.get(slug="waiblingen")
    assert (m.name, m.ags, m.land, m.languages) == ("Waiblingen", "08119079", "BW", ["de", "tr", "ar"])
    assert "Baden-Württemberg" in capsys.readouterr().out
    with municipality_scope(m):
        assert AuditEntry.objects.filter(object_type="core.municipality", object_id=m.pk).exists()


def test_german_is_always_enabled_and_slug_is_lowercased(db):
    call_command("add_municipality", "Herdecke", name="Herdecke", ags="05954016", languages="en")
    assert Municipality.objects.get(slug="herdecke").languages == ["de", "en"]


@pytest.mark.parametrize("ags", ["17000000", "00123456", "0822100", "082210001", "abcdefgh", "0822100a", ""])
def test_invalid_ags_is_refused(db, ags):
    with pytest.raises(CommandError, match=r"AGS|Gemeindeschlüssel|Land"):
        call_command("add_municipality", "stadt", name="Stadt", ags=ags)
    assert not Municipality.objects.exists()


def test_duplicate_slug_is_refused(db):
    call_command("add_municipality", "heidelberg", name="Heidelberg", ags="08221000")
    with pytest.raises(CommandError, match=r"slug|Kurzbezeichnung"):
        call_command("add_municipality", "heidelberg", name="Heidelberg 2", ags="08221000")
    assert Municipality.objects.count() == 1


@pytest.mark.parametrize("slug", ["admin", "api", "plattform", "konto", "static"])
def test_reserved_slug_is_refused(db, slug):
    with pytest.raises(CommandError, match="reserviert"):
        call_command("add_municipality", slug, name="Stadt", ags="08221000")
    assert not Municipality.objects.exists()


@pytest.mark.parametrize("slug", ["mit leerzeichen", "ümlaut", "a/b"])
def test_invalid_slug_is_refused(db, slug):
    with pytest.raises(CommandError):
        call_command("add_municipality", slug, name="Stadt", ags="08221000")


def test_unknown_language_and_markup_in_name_are_refused(db):
    with pytest.raises(CommandError, match="Sprachcodes"):
        call_command("add_municipality", "stadt", name="Stadt", ags="08221000", languages="de,xx")
    with pytest.raises(CommandError, match="HTML"):
        call_command("add_municipality", "stadt", name="<b>Stadt</b>", ags="08221000")
    assert not Municipality.objects.exists()


def test_service_refuses_members_without_platform_rights(coord_actor):
    with pytest.raises(NotAllowed):
        services.create_municipality(actor=coord_actor, name="X", slug="x", ags="08221000")


def test_service_reports_ags_errors_on_the_field(db):
    with pytest.raises(ValidationError) as caught:
        services.create_municipality(actor=None, name="X", slug="x", ags="17000000")
    assert "17" in caught.value.message_dict["ags"][0]
