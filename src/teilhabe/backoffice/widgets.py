"""Widgets the back-office forms share.

`ChoiceList` is the one multi-select of the back office: a searchable checkbox list instead of a
`<select multiple>` (which needs Ctrl-click and shows three entries at a time). It is a `<fieldset>` with
a `<legend>` and real checkboxes, so it works without JavaScript and posts the same names and values as the
select did. Options may be grouped (goals by field of action) and carry their level in a tree
(`Choice`: "Leitziel: …", indented by depth); long labels wrap. Lists longer than `filter_from` get a
scroll area and a filter box (static/teilhabe/choices.js, which announces the number of matches), and
every list shows "n ausgewählt". A list can offer to create a missing entry (`CreateControl`).

The options are rendered in Python, not through Django's per-option templates: a plan with a thousand goals
would otherwise spend most of the form's time there. Every text is escaped."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape as html_escape
from typing import Any

from django import forms
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

MAX_DEPTH_CLASS = 6  # deeper levels are indented like level 6


@dataclass(frozen=True)
class Choice:
    """An option's label with its place in a tree: "Leitziel" at depth 0, "Teilziel" at depth 1 …"""

    text: str
    level: str = ""
    depth: int = 0

    def __str__(self) -> str:
        return f"{self.level}: {self.text}" if self.level else self.text


@dataclass
class CreateControl:
    """"Neue Zielgruppe anlegen" next to a list: a disclosure with a name input and a button that posts the
    whole form with `anlegen=<action>` (htmx swaps only the list; without JavaScript the page comes back
    with everything the user typed). The view fills in the outcome (`name`, `error`, `message`)."""

    action: str  # the button's value, e.g. "zielgruppe"
    label: str  # "Neue Zielgruppe anlegen"
    input_label: str  # "Name der neuen Zielgruppe"
    max_length: int
    name: str = ""  # what was typed, kept after an error
    error: str = ""
    message: str = ""  # "… wurde angelegt und ausgewählt."
    created: str = ""  # value of the entry just created or found: it gets the focus

    @property
    def input_name(self) -> str:
        return f"neu_{self.action}"

    @property
    def is_open(self) -> bool:
        return bool(self.error)


class ChoiceList(forms.CheckboxSelectMultiple):
    """A searchable checkbox list; see the module docstring. Laid out by `field_template`, which
    `core/_field.html` includes for any widget that names one."""

    field_template = "backoffice/_choice_list.html"
    filter_from = 8  # lists with more options than this get the filter box and the scroll area

    def __init__(self, attrs: dict[str, Any] | None = None, choices: Iterable[Any] = (), *,
                 filter_label: Any = None, create: CreateControl | None = None) -> None:
        super().__init__(attrs, choices)
        self.filter_label = filter_label or _("Liste filtern")
        self.create = create

    def __deepcopy__(self, memo: dict[int, Any]) -> ChoiceList:
        copy: ChoiceList = super().__deepcopy__(memo)  # type: ignore[assignment]
        copy.create = CreateControl(**vars(self.create)) if self.create is not None else None
        return copy

    # Texts choices.js fills in with the number ("%(n)s" → 3); translated here, not in the template.
    texts = {
        "selected": _("%(n)s ausgewählt"),
        "none": _("Keine Einträge passen."),
        "one": _("1 Eintrag passt."),
        "other": _("%(n)s Einträge passen."),
    }

    @property
    def option_count(self) -> int:
        return sum(len(label) if isinstance(label, list | tuple) else 1 for _value, label in self.choices)

    @property
    def filterable(self) -> bool:
        return self.option_count > self.filter_from

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        # aria-describedby and aria-invalid (core.forms.wire_errors) go on the fieldset (the template), not on
        # every checkbox; of the attributes only the id and `disabled` are used here.
        final_attrs = self.build_attrs(self.attrs, attrs)
        base_id = str(final_attrs.get("id") or f"id_{name}")
        disabled = " disabled" if final_attrs.get("disabled") else ""
        selected = {str(v) for v in self.format_value(value)}
        created = self.create.created if self.create is not None else ""
        esc_name = html_escape(name)
        out: list[str] = []
        w = out.append
        counter = 0

        def item(option_value: Any, label: Any) -> None:
            nonlocal counter
            value_text = "" if option_value is None else str(option_value)
            box_id = f"{base_id}_{counter}"
            counter += 1
            checked = " checked" if value_text in selected else ""
            focus = " autofocus" if created and value_text == created else ""
            if isinstance(label, Choice):
                depth = min(label.depth, MAX_DEPTH_CLASS)
                text = (f'<span class="choice-list__level">{html_escape(label.level)}:</span> ' if label.level
                        else "") + html_escape(label.text)
            else:
                depth, text = 0, html_escape(str(label))
            w(f'<div class="kern-form-check choice-list__item choice-list__item--depth-{depth}">'
              f'<input type="checkbox" class="kern-form-check__checkbox" name="{esc_name}"'
              f' value="{html_escape(value_text)}" id="{box_id}"{checked}{disabled}{focus}>'
              f'<label class="kern-label" for="{box_id}">{text}</label></div>')

        scroll = " choice-list__options--scroll" if self.filterable else ""
        w(f'<div class="choice-list__options{scroll}" id="{base_id}_options" data-choice-options>')
        if not self.choices:
            w(f'<p class="kern-body kern-body--muted">{html_escape(str(_("Noch keine Einträge vorhanden.")))}</p>')
        for option_value, label in self.choices:
            if isinstance(label, list | tuple):
                w(f'<fieldset class="choice-list__group" data-choice-group><legend class="choice-list__group-label">'
                  f"{html_escape(str(option_value))}</legend>")
                for v, lbl in label:
                    item(v, lbl)
                w("</fieldset>")
            else:
                item(option_value, label)
        w("</div>")
        return mark_safe("".join(out))  # every value and label above is escaped

    def format_value(self, value: Any) -> list[str]:
        if value is None:
            return []
        if not isinstance(value, list | tuple):
            value = [value]
        return [str(v) for v in value if v is not None]
