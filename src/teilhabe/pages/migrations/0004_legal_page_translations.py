"""The legal pages' translations move into the translations app's storage (one row per object, language and
field, with the hash of the German text it was translated from), so their state — missing, outdated, up to
date — is known like every other content's. A legal page is now its German row; a non-German row becomes two
translations (title, body) of it, and is removed.

Where a municipality wrote a translation but no German page (the portal showed the German default text), the
German page is created from that default text: it is what the translator translated from.

The source hash is honest about what is known: a translation saved after the German page was last saved is
taken as made from its current text (up to date); one saved before is marked outdated (empty hash)."""

import hashlib

from django.db import migrations


def _hash(text):
    return hashlib.sha256((text or "").replace("\r\n", "\n").strip().encode("utf-8")).hexdigest()


def forward(apps, schema_editor):
    from teilhabe.pages.defaults import default_text

    LegalPage = apps.get_model("pages", "LegalPage")
    Municipality = apps.get_model("core", "Municipality")
    Translation = apps.get_model("translations", "Translation")
    ContentType = apps.get_model("contenttypes", "ContentType")
    translated = list(LegalPage._base_manager.exclude(language="de"))
    if not translated:
        return
    content_type, _created = ContentType.objects.get_or_create(app_label="pages", model="legalpage")
    for row in translated:
        german = LegalPage._base_manager.filter(municipality_id=row.municipality_id, kind=row.kind,
                                                language="de").first()
        up_to_date = german is None or row.updated_at >= german.updated_at
        if german is None:
            municipality = Municipality.objects.get(pk=row.municipality_id)
            default = default_text(row.kind, municipality)
            german = LegalPage._base_manager.create(municipality_id=row.municipality_id, kind=row.kind,
                                                    language="de", title=default.title, body=default.body)
        for field in ("title", "body"):
            value = getattr(row, field)
            if not value:
                continue
            Translation.objects.update_or_create(
                content_type_id=content_type.pk, object_id=german.pk, language=row.language, field=field,
                defaults={"municipality_id": row.municipality_id, "value": value,
                          "source_hash": _hash(getattr(german, field)) if up_to_date else "",
                          "translated_at": row.updated_at, "version": 1},
            )
        row.delete()


def backward(apps, schema_editor):
    LegalPage = apps.get_model("pages", "LegalPage")
    Translation = apps.get_model("translations", "Translation")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = ContentType.objects.filter(app_label="pages", model="legalpage").first()
    if content_type is None:
        return
    rows = Translation.objects.filter(content_type_id=content_type.pk)
    pages = {p.pk: p for p in LegalPage._base_manager.filter(pk__in=rows.values("object_id"))}
    values = {}
    for t in rows:
        page = pages.get(t.object_id)
        if page is not None:
            values.setdefault((page.municipality_id, page.kind, t.language), {})[t.field] = (t.value, t.translated_at)
    for (municipality_id, kind, language), fields in values.items():
        LegalPage._base_manager.create(municipality_id=municipality_id, kind=kind, language=language,
                                       title=fields.get("title", ("", None))[0] or kind,
                                       body=fields.get("body", ("", None))[0])
    rows.delete()


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("pages", "0003_barrierreport_status_portalsettings"),
        ("translations", "0001_initial"),
    ]

    operations = [migrations.RunPython(forward, backward)]
