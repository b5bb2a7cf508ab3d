"""XLIFF export and import: round trip, outdated sources, and files that must change nothing."""

from __future__ import annotations

import pytest
from translate.storage import xliff as tt_xliff

from teilhabe.core.models import AuditEntry
from teilhabe.plans import services as plan_services
from teilhabe.plans.models import Measure
from teilhabe.translations import selectors, services, xliff
from teilhabe.translations.models import Translation
from teilhabe.translations.selectors import State


def units(data: bytes) -> dict[str, tuple[str, str]]:
    store = tt_xliff.xlifffile.parsestring(data)
    return {u.xmlelement.get("id"): (u.source, u.target or "") for u in store.unit_iter()}


def translate_all(data: bytes, prefix: str) -> bytes:
    store = tt_xliff.xlifffile.parsestring(data)
    for unit in store.unit_iter():
        unit.target = f"{prefix} {unit.source}"
    return bytes(store)


def test_round_trip(coord_actor, measure, polyglot):
    data = xliff.export(actor=coord_actor, municipality=polyglot, language="en")
    text = data.decode()
    assert 'xmlns="urn:oasis:names:tc:xliff:document:1.2"' in text and 'version="1.2"' in text
    assert 'target-language="en"' in text and 'source-language="de"' in text
    found = units(data)
    assert found[f"measure:{measure.pk}:title"] == ("Mama lernt Deutsch", "")
    assert found[f"measure:{measure.pk}:description"][0] == "Deutschkurs für Mütter mit Kinderbetreuung."
    assert any(key.startswith("field:") for key in found) and any(key.startswith("goal:") for key in found)
    result = xliff.import_file(actor=coord_actor, municipality=polyglot, language="en",
                               data=translate_all(data, "EN"))
    assert result.written == len(found) and result.outdated == []
    assert selectors.translated(measure, "title", "en").value == "EN Mama lernt Deutsch"
    assert selectors.load(polyglot, [measure], ["en"]).object_state(measure, "en") == State.CURRENT
    assert AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT, object_id=measure.pk).exists()
    # Now everything is up to date: the default export is empty, "everything" carries the translations.
    assert units(xliff.export(actor=coord_actor, municipality=polyglot, language="en")) == {}
    everything = units(xliff.export(actor=coord_actor, municipality=polyglot, language="en", everything=True))
    assert everything[f"measure:{measure.pk}:title"] == ("Mama lernt Deutsch", "EN Mama lernt Deutsch")
    # Importing the same file again changes nothing.
    again = xliff.import_file(actor=coord_actor, municipality=polyglot, language="en", data=translate_all(data, "EN"))
    assert again.written == 0 and again.unchanged == len(found)


def test_source_changed_since_export_is_imported_as_outdated(coord_actor, measure, polyglot):
    data = xliff.export(actor=coord_actor, municipality=polyglot, language="ar")
    plan_services.update_measure(actor=coord_actor, measure=measure, expected_version=measure.version,
                                 values={"title": "Mütter lernen Deutsch"})
    result = xliff.import_file(actor=coord_actor, municipality=polyglot, language="ar",
                               data=translate_all(data, "AR"))
    assert result.outdated == [f"measure:{measure.pk}:title"]
    measure.refresh_from_db()
    found = selectors.load(polyglot, [measure], ["ar"])
    assert found.field_state(measure, "title", "ar") == State.OUTDATED
    assert found.field_state(measure, "description", "ar") == State.CURRENT


def test_export_of_a_child_language_takes_the_parent_text(coord_actor, measure, polyglot):
    services.set_language_parent(actor=coord_actor, municipality=polyglot, language="ti", parent="en",
                                 expected_version=0)
    services.save_translations(actor=coord_actor, obj=measure, language="en", values={"title": "Mum learns German"})
    data = xliff.export(actor=coord_actor, municipality=polyglot, language="ti")
    found = units(data)
    assert found[f"measure:{measure.pk}:title"] == ("Mum learns German", "")
    # The description has no English text yet: it comes from German, in a <file> saying so.
    assert found[f"measure:{measure.pk}:description"][0] == "Deutschkurs für Mütter mit Kinderbetreuung."
    text = data.decode()
    assert 'source-language="en"' in text and 'source-language="de"' in text


def _refused(coord_actor, polyglot, data: bytes, language: str = "en") -> list[str]:
    before = Translation.objects.count()
    with pytest.raises(xliff.ImportRefused) as refused:
        xliff.import_file(actor=coord_actor, municipality=polyglot, language=language, data=data)
    assert Translation.objects.count() == before
    return refused.value.problems


def test_malformed_and_hostile_files_change_nothing(coord_actor, measure, polyglot):
    good = translate_all(xliff.export(actor=coord_actor, municipality=polyglot, language="en"), "EN")
    assert "kein gültiges XLIFF" in _refused(coord_actor, polyglot, good[: len(good) // 2])[0]
    assert "kein XML" in _refused(coord_actor, polyglot, b"PK\x03\x04 not a zip either")[0]
    bomb = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            b'<xliff version="1.2"><file><body/></file></xliff>')
    assert "DOCTYPE" in _refused(coord_actor, polyglot, bomb)[0]
    # Another language's file.
    assert "nicht für" in _refused(coord_actor, polyglot, good, language="ar")[0]
    # A forged id among good units: nothing of the file is written.
    forged = good.replace(f'id="measure:{measure.pk}:title"'.encode(), b'id="measure:999999:title"')
    assert any("measure:999999" in p for p in _refused(coord_actor, polyglot, forged))
    unknown = good.replace(f'id="measure:{measure.pk}:title"'.encode(), b'id="measure:1:password"')
    assert any("Unbekannte Kennung" in p for p in _refused(coord_actor, polyglot, unknown))
    # Markup in a plain field.
    store = tt_xliff.xlifffile.parsestring(good)
    for unit in store.unit_iter():
        if unit.xmlelement.get("id") == f"measure:{measure.pk}:title":
            unit.target = '<img src=x onerror="alert(1)">Mum'
    assert any("HTML" in p for p in _refused(coord_actor, polyglot, bytes(store)))


def test_other_municipalitys_objects_cannot_be_targeted(coord_actor, measure, polyglot, other_municipality,
                                                         foreign_user):
    from teilhabe.core.tenancy import actor_for, municipality_scope
    from tests.conftest import build_small_plan
    from tests.factories import OrganisationFactory, OrgUnitFactory

    with municipality_scope(other_municipality):
        amt = OrgUnitFactory(municipality=other_municipality, name="Fremdes Amt")
        other = OrgUnitFactory(municipality=other_municipality, name="Anderes Amt")
        verein = OrganisationFactory(municipality=other_municipality, name="Fremder Verein")
    build_small_plan(actor_for(foreign_user, other_municipality), other_municipality, amt, other, verein)
    with municipality_scope(other_municipality):
        foreign = Measure.objects.get(title="Mama lernt Deutsch")
    good = translate_all(xliff.export(actor=coord_actor, municipality=polyglot, language="en"), "EN")
    forged = good.replace(f'id="measure:{measure.pk}:title"'.encode(), f'id="measure:{foreign.pk}:title"'.encode())
    assert any(f"measure:{foreign.pk}" in p for p in _refused(coord_actor, polyglot, forged))


def test_commands_export_and_import(measure, polyglot, tmp_path):
    from io import StringIO

    from django.core.management import CommandError, call_command

    target = tmp_path / "en.xlf"
    out = StringIO()
    call_command("translations_export", "heidelberg", "en", str(target), stdout=out)
    assert "Texte" in out.getvalue()
    target.write_bytes(translate_all(target.read_bytes(), "EN"))
    out = StringIO()
    call_command("translations_import", "heidelberg", "en", str(target), stdout=out)
    assert "Übersetzungen gespeichert" in out.getvalue()
    assert selectors.translated(measure, "title", "en").value == "EN Mama lernt Deutsch"
    broken = tmp_path / "broken.xlf"
    broken.write_bytes(b"<xliff")
    with pytest.raises(CommandError, match="Nichts wurde geändert"):
        call_command("translations_import", "heidelberg", "en", str(broken))
    with pytest.raises(CommandError, match="nicht übersetzt"):
        call_command("translations_export", "heidelberg", "fr", str(target))


@pytest.fixture
def rich_plan_description(plan):
    """Plan descriptions registered as a rich field (as organisation profiles, offers and events will be)."""
    from teilhabe.plans.models import Plan
    from teilhabe.translations import registry

    registry.register(Plan, fields=("description",), kind="plantest", rich=("description",))
    plan.description = "Der Plan der Stadt."
    plan.save(update_fields=["description"])
    yield plan
    registry.unregister("plantest")


def test_hostile_html_in_a_rich_field_is_sanitised(coord_actor, polyglot, rich_plan_description):
    plan = rich_plan_description
    store = tt_xliff.xlifffile.parsestring(xliff.export(actor=coord_actor, municipality=polyglot, language="en"))
    for unit in store.unit_iter():
        if unit.xmlelement.get("id") == f"plantest:{plan.pk}:description":
            unit.target = ('<h2>The plan</h2><p onclick="steal()">Text <a href="javascript:alert(1)">link</a></p>'
                           "<script>alert(1)</script><img src=x onerror=alert(1)>")
    xliff.import_file(actor=coord_actor, municipality=polyglot, language="en", data=bytes(store))
    value = selectors.translated(plan, "description", "en").value
    assert value.startswith("<h2>The plan</h2><p>Text <a")
    for hostile in ("onclick", "javascript:", "<script", "alert(1)", "<img", "onerror"):
        assert hostile not in value
