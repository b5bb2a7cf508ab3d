"""Forms of the translation pages, and the "minor edit" checkbox other apps' edit forms add."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.backoffice.flow import VersionedForm
from teilhabe.core.forms import KernForm, KernFormMixin
from teilhabe.core.i18n import direction, language_name
from teilhabe.translations.registry import Translatable
from teilhabe.translations.selectors import Translations


class MinorEditMixin(KernFormMixin, forms.Form):
    """Adds the checkbox „Kleine Änderung“ to an edit form of translatable German content. The view passes the
    object's old texts (`form.minor_edit_before(obj)` before saving) and, when checked, calls
    translations.services.accept_minor_edit(obj, before=…) after its service saved:

        class MeasureForm(MinorEditMixin, VersionedForm): ...
        before = form.minor_edit_before(measure)
        done = flow.submit(..., after=lambda m: form.is_minor_edit and accept_minor_edit(m, before=before))
    """

    minor_edit = forms.BooleanField(
        label=_("Kleine Änderung (Tippfehler, Zeichensetzung): Übersetzungen bleiben aktuell"), required=False,
        help_text=_("Nur ankreuzen, wenn sich der Sinn nicht ändert. Sonst werden die Übersetzungen als veraltet "
                    "markiert und neu übersetzt."),
    )

    @property
    def is_minor_edit(self) -> bool:
        return bool(getattr(self, "cleaned_data", {}).get("minor_edit"))

    @staticmethod
    def minor_edit_before(obj: Any) -> dict[str, str]:
        from teilhabe.translations.registry import entry_of

        return {name: str(getattr(obj, name) or "") for name in entry_of(obj).fields}


class LanguageParentForm(VersionedForm):
    """One language of the tree: which language it is translated from."""

    keyed = True
    language = forms.CharField(widget=forms.HiddenInput)
    parent = forms.ChoiceField(label=_("übersetzt aus"))

    def __init__(self, *args: Any, languages: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(code, f"{language_name(code)} ({code})") for code in languages]
        self.fields["parent"].choices = choices  # type: ignore[attr-defined]


class TranslationForm(KernForm):
    """The target texts of one object in one language, with the versions the form showed."""

    def __init__(self, *args: Any, entry: Translatable, obj: Any, language: str, found: Translations,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.entry = entry
        for name in entry.fields:
            stored = found.stored(obj, name, language)
            source = found.source_text(obj, name, language)
            long_text = len(source) > 150 or "\n" in source or name in entry.rich
            widget: forms.Widget = forms.Textarea(attrs={"rows": 6}) if long_text else forms.TextInput()
            widget.attrs.update({"lang": language, "dir": direction(language)})
            label = _("%(field)s – Übersetzung (%(language)s)") % {"field": entry.field_label(name),
                                                                    "language": language_name(language)}
            self.fields[name] = forms.CharField(label=label, required=False, widget=widget,
                                                max_length=100_000, initial=stored.value if stored else "")
            self.fields[f"{name}__version"] = forms.IntegerField(widget=forms.HiddenInput, min_value=0,
                                                                 initial=stored.version if stored else 0)
        from teilhabe.core.forms import add_kern_classes

        add_kern_classes(self)

    def values(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name, "") for name in self.entry.fields}

    def versions(self) -> dict[str, int]:
        return {name: int(self.cleaned_data.get(f"{name}__version") or 0) for name in self.entry.fields}


class ImportForm(KernForm):
    file = forms.FileField(label=_("XLIFF-Datei"), help_text=_("Eine übersetzte Datei aus dem Export (.xlf, .xliff)."))
