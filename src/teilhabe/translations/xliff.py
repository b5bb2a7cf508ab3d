"""XLIFF 1.2 exchange with translators (translate-toolkit): export one language's missing and outdated texts
(or everything), import the translated file back through the one write path (services.save_translations).

A unit's id names object and field: ``<kind>:<id>:<field>`` (e.g. ``measure:17:title``). Its source is the
parent language's text as exported — one <file> per actual source language, since a text whose parent
language lacks it is translated from the parent's own fallback — and its target the existing translation.
An import is all-or-nothing: unknown ids, objects of other municipalities, another target language, markup in
plain fields, a broken or hostile file → a German message per problem and nothing changed. A unit whose source
text has changed since the export is imported but stays *outdated* (it is stamped with the source it was
translated from) and is reported."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from translate.storage import xliff as tt_xliff

from teilhabe.core.errors import ServiceError
from teilhabe.core.guard import authorize
from teilhabe.core.i18n import language_name
from teilhabe.core.models import AuditEntry, Municipality
from teilhabe.core.roles import Actor
from teilhabe.core.validators import validate_no_markup
from teilhabe.translations import registry
from teilhabe.translations.permissions import MANAGE_TRANSLATIONS
from teilhabe.translations.selectors import State, load, normalise, source_hash
from teilhabe.translations.services import save_translations
from teilhabe.translations.tree import SOURCE, language_tree

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
MAX_BYTES = 20 * 1024 * 1024
_UNIT_ID = re.compile(r"^([a-z][a-z0-9]{1,30}):([0-9]{1,18}):([a-z_][a-z0-9_]{0,59})$")


class _Xliff12(tt_xliff.xlifffile):
    """translate-toolkit's XLIFF store, writing the 1.2 namespace and version (it reads 1.1 and 1.2)."""

    namespace = NAMESPACE
    XMLskeleton = f"""<?xml version="1.0" ?>
<xliff version='1.2' xmlns='{NAMESPACE}'>
<file original='NoName' source-language='de' datatype='plaintext'>
<body>
</body>
</file>
</xliff>"""


def unit_id(entry: registry.Translatable, obj: models.Model, name: str) -> str:
    return f"{entry.kind}:{obj.pk}:{name}"


def export(*, actor: Actor, municipality: Municipality, language: str, everything: bool = False) -> bytes:
    """The XLIFF file of `language`: its missing and outdated texts, or with `everything` all texts."""
    authorize(actor, MANAGE_TRANSLATIONS, municipality)
    tree = language_tree(municipality)
    if language == SOURCE or language not in tree.languages:
        raise ServiceError(_("In diese Sprache wird nicht übersetzt: %(code)s.") % {"code": language})
    objects = [(entry, obj) for entry in registry.entries() for obj in entry.objects(municipality)]
    found = load(municipality, [obj for _e, obj in objects], [language])
    parent = tree.parent(language) or SOURCE
    store = _Xliff12(sourcelanguage=parent, targetlanguage=language)
    store.setfilename(store.getfilenode("NoName"), _file_name(municipality, parent, language))
    files: set[str] = {parent}
    for entry, obj in objects:
        for name in entry.fields:
            state = found.field_state(obj, name, language)
            if state is None or (state == State.CURRENT and not everything):
                continue
            source = found.localized(obj, name, parent)
            if source.language not in files:
                files.add(source.language)
            unit = store.addsourceunit(source.value, filename=_file_name(municipality, source.language, language),
                                       createifmissing=True)
            unit.setid(unit_id(entry, obj, name))
            stored = found.stored(obj, name, language)
            if stored is not None:
                unit.target = stored.value
                unit.markfuzzy(state == State.OUTDATED)
            unit.addnote(f"{entry.label_singular}: {entry.object_label(obj)} – {entry.field_label(name)}",
                         origin="developer")
    for node in store.document.getroot().iterchildren(store.namespaced("file")):
        original = node.get("original", "")
        node.set("source-language", original.split("_")[-2] if original.count("_") >= 2 else parent)
        node.set("target-language", language)
        node.set("datatype", "html" if any(e.rich for e in registry.entries()) else "plaintext")
    return bytes(store)


def _file_name(municipality: Municipality, source: str, target: str) -> str:
    return f"{municipality.slug}_{source}_{target}"


@dataclass
class ImportResult:
    written: int = 0
    unchanged: int = 0
    skipped_empty: int = 0
    outdated: list[str] = field(default_factory=list)  # unit ids whose source has changed since the export


class ImportRefused(ServiceError):
    """The file was not imported; `problems` says why, one line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(_("Die Datei wurde nicht eingelesen; nichts wurde geändert.") + " " + " ".join(problems[:1]))
        self.problems = problems


def _parse(data: bytes) -> Any:
    if len(data) > MAX_BYTES:
        raise ImportRefused([_("Die Datei ist größer als %(mb)s MB.") % {"mb": MAX_BYTES // (1024 * 1024)}])
    head = data[:4096].lstrip()
    if not head.startswith(b"<") and not head.startswith(b"\xef\xbb\xbf<"):
        raise ImportRefused([_("Die Datei ist keine XLIFF-Datei (kein XML).")])
    if re.search(rb"<!(DOCTYPE|ENTITY)", data, re.IGNORECASE):
        raise ImportRefused([_("Die Datei enthält eine DOCTYPE- oder ENTITY-Deklaration; solche Dateien werden aus "
                               "Sicherheitsgründen nicht eingelesen.")])
    try:
        store = tt_xliff.xlifffile.parsestring(data)
    except Exception as exc:  # lxml's XMLSyntaxError, translate-toolkit's assertions: all mean a broken file
        raise ImportRefused([_("Die Datei ist kein gültiges XLIFF: %(error)s") % {"error": str(exc)[:200]}]) from exc
    root = store.document.getroot()
    if not root.tag.endswith("}xliff") and root.tag != "xliff":
        raise ImportRefused([_("Die Datei ist keine XLIFF-Datei.")])
    return store


def import_file(*, actor: Actor, municipality: Municipality, language: str, data: bytes) -> ImportResult:
    """Read a translated XLIFF file of `language`; all or nothing (ImportRefused lists the problems)."""
    authorize(actor, MANAGE_TRANSLATIONS, municipality)
    tree = language_tree(municipality)
    if language == SOURCE or language not in tree.languages:
        raise ServiceError(_("In diese Sprache wird nicht übersetzt: %(code)s.") % {"code": language})
    store = _parse(data)
    problems: list[str] = []
    for node in store.document.getroot().iter():
        if isinstance(node.tag, str) and node.tag.endswith("file"):
            target = (node.get("target-language") or "").strip()
            if target and target.split("-")[0].lower() != language:
                problems.append(_("Die Datei ist für die Sprache „%(found)s“, nicht für %(language)s.")
                                % {"found": target, "language": language_name(language)})
                break
    wanted: dict[str, dict[int, dict[str, tuple[str, str]]]] = defaultdict(lambda: defaultdict(dict))
    for unit in store.unit_iter():
        raw_id = unit.xmlelement.get("id", "")
        match = _UNIT_ID.match(raw_id)
        entry = registry.by_kind(match.group(1)) if match else None
        if match is None or entry is None or match.group(3) not in entry.fields:
            problems.append(_("Unbekannte Kennung „%(id)s“.") % {"id": raw_id[:80]})
            continue
        target = unit.target or ""
        wanted[entry.kind][int(match.group(2))][match.group(3)] = (str(unit.source or ""), str(target))
    objects: dict[tuple[str, int], models.Model] = {}
    for kind, by_id in wanted.items():
        entry = registry.by_kind(kind)
        assert entry is not None
        found_objects = {o.pk: o for o in entry.objects(municipality).filter(pk__in=list(by_id))}
        for pk in by_id:
            if pk not in found_objects:
                problems.append(_("Kennung „%(id)s“: diesen Inhalt gibt es (hier) nicht.")
                                % {"id": f"{kind}:{pk}"})
            else:
                objects[(kind, pk)] = found_objects[pk]
    if problems:
        raise ImportRefused(problems)
    current = load(municipality, list(objects.values()), [language])
    result = ImportResult()
    plans: list[tuple[models.Model, dict[str, str], dict[str, str]]] = []
    for (kind, pk), obj in objects.items():
        entry = registry.by_kind(kind)
        assert entry is not None
        values: dict[str, str] = {}
        hashes: dict[str, str] = {}
        for name, (source, target) in wanted[kind][pk].items():
            uid = f"{kind}:{pk}:{name}"
            if not normalise(target):
                result.skipped_empty += 1
                continue
            if name not in entry.rich:
                try:
                    validate_no_markup(target)
                except ValidationError as exc:
                    problems.append(f"{uid}: {' '.join(exc.messages)}")
                    continue
            exported_hash = source_hash(source)
            if exported_hash != source_hash(current.source_text(obj, name, language)):
                result.outdated.append(uid)
            stored = current.stored(obj, name, language)
            if stored is not None and stored.value == normalise(target) and stored.source_hash == exported_hash:
                result.unchanged += 1
                continue
            values[name], hashes[name] = target, exported_hash
        if values:
            plans.append((obj, values, hashes))
    if problems:
        raise ImportRefused(problems)
    try:
        with transaction.atomic():
            for obj, values, hashes in plans:
                save_translations(actor=actor, obj=obj, language=language, values=values, source_hashes=hashes,
                                  action=AuditEntry.Action.IMPORT)
                result.written += len(values)
    except ValidationError as exc:
        raise ImportRefused([" ".join(exc.messages)]) from exc
    return result


__all__ = ["ImportRefused", "ImportResult", "export", "import_file", "unit_id"]
