"""Printing the intercultural calendar with Typst: an A3 poster and twelve A4 monthly pages.

``render_poster(year, occurrences, *, title, languages=("de",), font_dirs=..., communities=None,
descriptions=None) -> bytes`` and ``render_monthly(...)`` with the same arguments.

Both are tagged PDF/UA-1 with document title and language; ``languages[0]`` (German or
English) is the main language, and each entry also shows the community's own language.
Data reaches the templates as JSON in ``sys.inputs`` and is placed as plain text (no markup
injection). Content is scaled to fit its page, so the poster is always one page and the
monthly calendar always twelve. Fonts come from the Debian Noto packages (``fonts-noto-core``,
``fonts-noto-cjk``); names in a script for which no font is found are left out rather than
printed as empty boxes, which PDF/UA forbids. ``communities`` and ``descriptions`` let a
municipality's own observances (unknown to the engine's registry) be printed too.
"""

from teilhabe.calendar.print.render import render_monthly, render_poster

__all__ = ["render_monthly", "render_poster"]
