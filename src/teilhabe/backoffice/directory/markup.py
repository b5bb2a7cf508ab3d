"""A writing aid for volunteers: the profile's description is typed as plain text with three simple marks,
converted to HTML here (and back, to edit it again). The service sanitises whatever arrives.

    ## Überschrift          → <h2>
    ### Unterüberschrift    → <h3>
    - Punkt                 → a list item
    [Linktext](https://…)   → a link
    blank line              → new paragraph

Text that already contains HTML tags is passed on as it is (sanitised by the service)."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

LINK = re.compile(r"\[([^\]\n]+)\]\(((?:https?://|mailto:|tel:)[^)\s]+)\)")


def _inline(text: str) -> str:
    out, last = [], 0
    for match in LINK.finditer(text):
        out.append(html.escape(text[last:match.start()]))
        out.append(f'<a href="{html.escape(match.group(2))}">{html.escape(match.group(1))}</a>')
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def to_html(text: str) -> str:
    text = (text or "").replace("\r\n", "\n").strip()
    if not text or re.search(r"<(p|h[2-4]|ul|ol|li|a|strong|em|br)\b", text, re.IGNORECASE):
        return text
    blocks: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append("<p>" + "<br>".join(_inline(line) for line in paragraph) + "</p>")
            paragraph.clear()
        if items:
            blocks.append("<ul>" + "".join(f"<li>{_inline(i)}</li>" for i in items) + "</ul>")
            items.clear()

    for raw in text.split("\n"):
        line = raw.strip()
        heading = re.match(r"^(#{2,4})\s+(.+)$", line)
        if not line:
            flush()
        elif heading:
            flush()
            level = len(heading.group(1))
            blocks.append(f"<h{level}>{_inline(heading.group(2))}</h{level}>")
        elif re.match(r"^[-*•]\s+", line):
            if paragraph:
                flush()
            items.append(re.sub(r"^[-*•]\s+", "", line))
        else:
            if items:
                flush()
            paragraph.append(line)
    flush()
    return "".join(blocks)


class _Back(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h2", "h3", "h4"):
            self.out.append("\n\n" + "#" * int(tag[1]) + " ")
        elif tag == "p":
            self.out.append("\n\n")
        elif tag == "li":
            self.out.append("\n- ")
        elif tag in ("ul", "ol") or tag == "br":
            self.out.append("\n")
        elif tag == "a":
            self.href = dict(attrs).get("href") or ""
            self.out.append("[")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self.out.append(f"]({self.href})")
            self.href = None
        elif tag in ("ul", "ol"):
            self.out.append("\n")

    def handle_data(self, data: str) -> None:
        self.out.append(data)


def from_html(stored: str) -> str:
    """The stored (sanitised) HTML as the simple marks, for the edit form."""
    parser = _Back()
    parser.feed(stored or "")
    parser.close()
    return re.sub(r"\n{3,}", "\n\n", "".join(parser.out)).strip()
