"""Every state change of the translations: the language tree, translated values (from the editor and from
XLIFF imports, through the one function `save_translations`), and the re-stamp after a minor edit."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.core import audit
from teilhabe.core.errors import ServiceError
from teilhabe.core.guard import authorize
from teilhabe.core.i18n import language_name
from teilhabe.core.models import AuditEntry, Municipality
from teilhabe.core.richtext import sanitize
from teilhabe.core.roles import Actor
from teilhabe.core.validators import validate_no_markup
from teilhabe.core.versioning import save_keyed_audited
from teilhabe.translations import registry
from teilhabe.translations.models import LanguageParent, Translation
from teilhabe.translations.permissions import MANAGE_TRANSLATIONS
from teilhabe.translations.selectors import load, normalise, source_hash
from teilhabe.translations.tree import SOURCE, forget, language_tree

MAX_LENGTH = 100_000


def set_language_parent(*, actor: Actor, municipality: Municipality, language: str, parent: str,
                        expected_version: int) -> LanguageParent:
    """`language` is translated from `parent` from now on. Both must be enabled, German has no parent, and the
    tree must stay a tree (no language below itself). Translations already made keep their source hash, so
    they show as outdated where the new parent's text differs from what they were made from."""
    authorize(actor, MANAGE_TRANSLATIONS, municipality)
    enabled = municipality.content_languages
    if language == SOURCE or language not in enabled:
        raise ValidationError({"language": _("Diese Sprache ist nicht freigeschaltet oder ist die Ausgangssprache.")})
    if parent not in enabled:
        raise ValidationError({"parent": _("Die Ausgangssprache muss für das Portal freigeschaltet sein.")})
    if parent == language:
        raise ValidationError({"parent": _("Eine Sprache kann nicht aus sich selbst übersetzt werden.")})
    forget(municipality)
    tree = language_tree(municipality)
    if language in tree.chain(parent):
        raise ValidationError({"parent": _("%(parent)s wird bereits (über Zwischenschritte) aus %(language)s "
                                           "übersetzt; das ergäbe einen Kreis.")
                               % {"parent": language_name(parent), "language": language_name(language)}})
    saved = save_keyed_audited(
        actor=actor, model=LanguageParent, key={"municipality": municipality, "language": language},
        expected_version=expected_version, values={"parent": parent}, audit_fields=("parent",),
        label=f"Sprachbaum: {language}",
    )
    forget(municipality)
    return saved


def _check_language(municipality: Municipality, language: str) -> None:
    if language == SOURCE or language not in municipality.content_languages:
        raise ServiceError(_("In diese Sprache wird nicht übersetzt: %(code)s.") % {"code": language})


def save_translations(
    *, actor: Actor, obj: models.Model, language: str, values: Mapping[str, str],
    expected_versions: Mapping[str, int] | None = None, source_hashes: Mapping[str, str] | None = None,
    action: str = AuditEntry.Action.UPDATE,
) -> dict[str, Translation | None]:
    """Write the translations of some fields of one object into `language` (an empty value removes it).

    The source hash stamped on each is the current parent-language text's, unless `source_hashes` names the
    text the translator actually saw (an XLIFF import of an older export: the translation is kept and shows
    as outdated). `expected_versions` (field → version the form showed, 0 for none) detects a concurrent
    edit: nothing is written. Rich fields are sanitised. One audit entry on the object."""
    entry = registry.entry_of(obj)
    municipality: Municipality = obj.municipality  # type: ignore[attr-defined]
    authorize(actor, MANAGE_TRANSLATIONS, municipality)
    _check_language(municipality, language)
    unknown = set(values) - set(entry.fields)
    if unknown:
        raise ServiceError(_("Diese Felder sind nicht übersetzbar: %(fields)s.")
                           % {"fields": ", ".join(sorted(unknown))})
    cleaned: dict[str, str] = {}
    for name, value in values.items():
        text = normalise(value)
        if len(text) > MAX_LENGTH:
            raise ValidationError({name: _("Der Text ist zu lang (höchstens %(n)s Zeichen).") % {"n": MAX_LENGTH}})
        if name in entry.rich:
            text = sanitize(text)
        else:
            try:
                validate_no_markup(text)
            except ValidationError as exc:
                raise ValidationError({name: exc.messages}) from exc
        cleaned[name] = text
    content_type = ContentType.objects.get_for_model(type(obj))
    now = timezone.now()
    result: dict[str, Translation | None] = {}
    with transaction.atomic():
        current = load(municipality, [obj], [language])
        rows = {t.field: t for t in Translation.objects.select_for_update().filter(
            content_type=content_type, object_id=obj.pk, language=language, field__in=list(cleaned))}
        if expected_versions is not None:
            for name in cleaned:
                row = rows.get(name)
                have = row.version if row is not None else 0
                if expected_versions.get(name, have) != have:
                    raise ServiceError(_("Die Übersetzung von „%(label)s“ wurde inzwischen von jemand anderem "
                                         "geändert. Ihre Änderungen wurden nicht gespeichert; bitte laden Sie die "
                                         "Seite neu.") % {"label": entry.object_label(obj)})
        changes: dict[str, list[Any]] = {}
        for name, text in cleaned.items():
            row = rows.get(name)
            digest = (source_hashes or {}).get(name) or source_hash(current.source_text(obj, name, language))
            key = f"{name}@{language}"
            if not text:
                if row is not None:
                    changes[key] = [row.value, None]
                    row.delete()
                result[name] = None
                continue
            if row is None:
                row = Translation.objects.create(
                    municipality=municipality, content_type=content_type, object_id=obj.pk, language=language,
                    field=name, value=text, source_hash=digest, translator_id=actor.user_id, translated_at=now)
                changes[key] = [None, text]
            elif row.value != text or row.source_hash != digest:
                if row.value != text:
                    changes[key] = [row.value, text]
                row.value, row.source_hash, row.translator_id, row.translated_at = text, digest, actor.user_id, now
                row.version += 1
                row.save(update_fields=["value", "source_hash", "translator", "translated_at", "version"])
            result[name] = row
        if changes:
            audit.record(actor=actor, municipality=municipality, action=action, obj=obj, changes=changes,
                         label=f"{entry.label_singular}: {entry.object_label(obj)} ({language})")
    return result


def accept_minor_edit(obj: models.Model, *, before: Mapping[str, str] | None = None) -> int:
    """After a minor edit of the German text (a typo fixed), translations that were up to date stay so: their
    source hash is re-stamped to the new text. With `before` (field → the German text before the edit) only
    the translations that were made from that text are re-stamped — one already outdated stays outdated;
    without it, every translation whose source is the German text. The caller's service has authorised the
    edit; call this after saving it, inside its transaction. Returns the number of translations re-stamped."""
    entry = registry.entry_of(obj)
    municipality: Municipality = obj.municipality  # type: ignore[attr-defined]
    tree = language_tree(municipality)
    found = load(municipality, [obj], tree.targets)
    content_type = ContentType.objects.get_for_model(type(obj))
    restamped = 0
    with transaction.atomic():
        for language in tree.targets:
            for name in entry.fields:
                # Only where the source is the German text itself (the parent, or parents lacking the field).
                if found.localized(obj, name, tree.parent(language) or SOURCE).language != SOURCE:
                    continue
                stored = found.stored(obj, name, language)
                if stored is None:
                    continue
                if before is not None and name in before and stored.source_hash != source_hash(before[name]):
                    continue
                new_hash = source_hash(str(getattr(obj, name) or ""))
                if stored.source_hash != new_hash:
                    restamped += Translation.objects.filter(
                        content_type=content_type, object_id=obj.pk, language=language, field=name,
                    ).update(source_hash=new_hash)
    return restamped


__all__ = ["accept_minor_edit", "save_translations", "set_language_parent"]
