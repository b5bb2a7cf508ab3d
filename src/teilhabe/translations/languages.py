"""What the languages Django does not know need to be enabled and rendered: an entry in
django.conf.locale.LANG_INFO (name, own name, writing direction; `{% get_language_info %}` and
`translation.get_language_info` read it) and the gettext plural forms their catalogues must declare
(makemessages writes a placeholder for a language Django has no catalogue of; compilemessages then fails).
Installed at start-up by TranslationsConfig.ready. The names in their own script and the directions are
core.i18n's ENDONYMS and RTL_LANGUAGES, so there is one list of each."""

from __future__ import annotations

from django.conf.locale import LANG_INFO

from teilhabe.core.i18n import ENDONYMS, is_rtl

# English names of the languages Django lacks (LANG_INFO's "name").
EXTRA_LANGUAGES: dict[str, str] = {
    "ps": "Pashto",
    "prs": "Dari",
    "ti": "Tigrinya",
    "so": "Somali",
    "ku": "Kurdish (Kurmanji)",
    "am": "Amharic",
    "yi": "Yiddish",
}

# gettext Plural-Forms headers (CLDR plural rules as gettext writes them). Languages with a Django catalogue
# take Django's; these are for the ones makemessages cannot take from Django.
PLURAL_FORMS: dict[str, str] = {
    "ps": "nplurals=2; plural=(n != 1);",
    "prs": "nplurals=2; plural=(n > 1);",
    "ti": "nplurals=2; plural=(n > 1);",
    "so": "nplurals=2; plural=(n != 1);",
    "ku": "nplurals=2; plural=(n != 1);",
    "ckb": "nplurals=2; plural=(n != 1);",
    "am": "nplurals=2; plural=(n > 1);",
    "yi": "nplurals=2; plural=(n != 1);",
}


def install() -> None:
    """Add the missing LANG_INFO entries (never replacing Django's own)."""
    for code, name in EXTRA_LANGUAGES.items():
        LANG_INFO.setdefault(code, {"bidi": is_rtl(code), "code": code, "name": name,
                                    "name_local": ENDONYMS.get(code, name)})


def plural_forms(code: str) -> str | None:
    return PLURAL_FORMS.get(code)


def fix_plural_forms(po_path: str) -> bool:
    """Write the right Plural-Forms header into a catalogue that has makemessages' placeholder. Returns whether
    it changed anything."""
    import polib

    po = polib.pofile(po_path)
    code = po.metadata.get("Language", "").strip() or po_path.split("/locale/")[-1].split("/")[0]
    wanted = plural_forms(code)
    if wanted is None or "INTEGER" not in po.metadata.get("Plural-Forms", "INTEGER"):
        return False
    po.metadata["Plural-Forms"] = wanted
    po.save()
    return True


__all__ = ["EXTRA_LANGUAGES", "PLURAL_FORMS", "fix_plural_forms", "install", "plural_forms"]
