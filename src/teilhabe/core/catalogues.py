"""The gettext catalogues of the public portal: which messages the portal shows, how much of each language's
catalogue covers them, whether a native speaker has checked it, and so which languages the portal offers.

*Portal messages* are derived from the catalogue itself: a message belongs to the portal when one of its
`#:` occurrence comments (written by makemessages) points into a source the public sees (PORTAL_SOURCES).
A new `{% translate %}` in a portal template is counted as soon as `make messages` has run — nobody keeps a
list of messages.

A language is offered in the portal's language switch, and its interface is switched on, only when its
catalogue translates at least settings.PORTAL_TRANSLATION_THRESHOLD per cent of the portal messages (German,
the source language, always). Fuzzy entries count as untranslated: Django does not use them either.

Each catalogue says in its header whether a native speaker has checked it:

    "X-Teilhabe-Reviewed: no\\n"                       machine- or AI-written, or not yet checked
    "X-Teilhabe-Reviewed: yes\\n"
    "X-Teilhabe-Reviewer: Name, Organisation, 2027-01\\n"
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

import polib
from django.conf import settings

SOURCE_LANGUAGE = "de"
CATALOGUE = "django.po"
REVIEWED_HEADER = "X-Teilhabe-Reviewed"
REVIEWER_HEADER = "X-Teilhabe-Reviewer"
DEFAULT_THRESHOLD = 95.0  # per cent; settings.PORTAL_TRANSLATION_THRESHOLD (env TEILHABE_PORTAL_TRANSLATION_THRESHOLD)

# Where the public portal's interface text comes from, as paths relative to src/teilhabe/ (the form the
# occurrence comments have). Shared parts count: the page skeleton, the form and error templates the
# barrier report uses, the validators whose messages the public can see, the legal pages' names; and what an
# external partner sees when answering a report: the shared answer templates (not the mails) and the messages
# of the reporting services, attachment checks and answer fields.
PORTAL_SOURCES: tuple[str, ...] = (
    "templates/base.html",
    "templates/portal/*",
    "templates/calendar/*",
    "templates/core/error.html",
    "templates/core/_form.html",
    "templates/core/_field.html",
    "templates/core/_error_summary.html",
    "portal/*",
    "pages/models.py",
    "core/validators.py",
    "core/cleaning.py",
    "templates/reporting/_answer_*.html",
    "reporting/services.py",
    "reporting/attachments.py",
    "reporting/answer_fields.py",
    "templates/monitoring/*",
    "templates/portal/directory/offers*",
    "directory/models/offers.py",
    "monitoring/charts.py",
    "monitoring/opendata.py",
    "monitoring/models.py",
    "monitoring/progress.py",
    "templates/portal/directory/*",
    "directory/models/*",
    "directory/images.py",
    "plans/public.py",
    "plans/search_documents.py",
    "pages/search_documents.py",
    "search/*",
    # Participation: its choices (kinds, states), the services' messages on public forms (registration,
    # proposals, ballots, subscriptions), the explanation of a result, the public minutes.
    "participation/models/*",
    "participation/services/*",
    "participation/selectors/*",
    "participation/documents.py",
)
NOT_PORTAL_SOURCES: tuple[str, ...] = (
    "templates/calendar/backoffice/*",
)


def is_portal_source(path: str) -> bool:
    path = path.replace(os.sep, "/")
    return any(fnmatch(path, p) for p in PORTAL_SOURCES) and not any(fnmatch(path, p) for p in NOT_PORTAL_SOURCES)


def is_portal_entry(entry: polib.POEntry) -> bool:
    return not entry.obsolete and any(is_portal_source(path) for path, _line in entry.occurrences)


@dataclass(frozen=True)
class CatalogueStatus:
    """How far one language's catalogue covers the portal, and whether a native speaker checked it."""

    code: str
    translated: int
    total: int
    reviewed: bool
    reviewer: str
    missing: tuple[str, ...] = ()

    @property
    def percent(self) -> float:
        """Share of portal messages translated, rounded down to one decimal (99.96 % is not 100 %)."""
        if not self.total:
            return 0.0
        return int(self.translated * 1000 / self.total) / 10

    def complete_enough(self, threshold: float | None = None) -> bool:
        threshold = portal_threshold() if threshold is None else threshold
        return self.total > 0 and self.translated * 100 >= threshold * self.total


def portal_threshold() -> float:
    return float(settings.PORTAL_TRANSLATION_THRESHOLD)


def locale_dir() -> Path:
    return Path(settings.LOCALE_PATHS[0])


def catalogue_path(code: str, directory: Path | None = None) -> Path:
    return (directory or locale_dir()) / code / "LC_MESSAGES" / CATALOGUE


def catalogue_languages(directory: Path | None = None) -> list[str]:
    """The languages that have a catalogue, sorted by code."""
    base = directory or locale_dir()
    if not base.is_dir():
        return []
    return sorted(child.name for child in base.iterdir() if (child / "LC_MESSAGES" / CATALOGUE).is_file())


def _is_translated(entry: polib.POEntry) -> bool:
    return bool(entry.translated())


@functools.lru_cache(maxsize=64)
def _status(path: str, mtime_ns: int, code: str) -> CatalogueStatus:
    po = polib.pofile(path)
    portal = [entry for entry in po if is_portal_entry(entry)]
    missing = tuple(entry.msgid for entry in portal if not _is_translated(entry))
    reviewed = po.metadata.get(REVIEWED_HEADER, "no").strip().lower() in {"yes", "ja", "true"}
    return CatalogueStatus(
        code=code, translated=len(portal) - len(missing), total=len(portal), reviewed=reviewed,
        reviewer=po.metadata.get(REVIEWER_HEADER, "").strip() if reviewed else "", missing=missing,
    )


def catalogue_status(code: str, directory: Path | None = None) -> CatalogueStatus | None:
    """The portal coverage of `code`'s catalogue; None when it has none. Parsed once per file version."""
    path = catalogue_path(code, directory)
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        return None
    return _status(str(path), mtime, code)


def statuses(directory: Path | None = None) -> list[CatalogueStatus]:
    return [s for code in catalogue_languages(directory) if (s := catalogue_status(code, directory)) is not None]


def portal_languages(directory: Path | None = None, threshold: float | None = None) -> list[str]:
    """The languages the portal's interface may be shown in: German (the source) and every language whose
    catalogue covers at least the threshold of portal messages."""
    complete = [s.code for s in statuses(directory) if s.complete_enough(threshold)]
    return [SOURCE_LANGUAGE, *[code for code in complete if code != SOURCE_LANGUAGE]]


def is_reviewed(code: str) -> bool:
    """Whether a native speaker has checked `code`'s catalogue. German is the source: always."""
    if code == SOURCE_LANGUAGE:
        return True
    status = catalogue_status(code)
    return status is not None and status.reviewed


def status_rows(directory: Path | None = None, threshold: float | None = None) -> list[list[str]]:
    """The translation status as table rows: language, translated/total, per cent, offered in the portal,
    checked by a native speaker (and by whom). German, the source language, comes first."""
    from teilhabe.core.i18n import language_name  # i18n imports this module

    threshold = portal_threshold() if threshold is None else threshold
    rows = [[f"de {language_name('de')}", "–", "100 %", "ja", "ja (Ausgangssprache)"]]
    for status in statuses(directory):
        if status.code == SOURCE_LANGUAGE:
            continue
        percent = f"{status.percent:g} %"
        checked = f"ja ({status.reviewer})" if status.reviewed and status.reviewer else \
            "ja" if status.reviewed else "nein"
        rows.append([f"{status.code} {language_name(status.code)}", f"{status.translated}/{status.total}", percent,
                     "ja" if status.complete_enough(threshold) else "nein", checked])
    return rows


STATUS_HEADER = ["Sprache", "übersetzt/gesamt", "Anteil", "im Portal angeboten", "von Muttersprachlern geprüft"]


def status_table_markdown(directory: Path | None = None, threshold: float | None = None) -> str:
    rows = [STATUS_HEADER, ["---"] * len(STATUS_HEADER), *status_rows(directory, threshold)]
    return "".join("| " + " | ".join(row) + " |\n" for row in rows)


__all__ = [
    "DEFAULT_THRESHOLD",
    "NOT_PORTAL_SOURCES",
    "PORTAL_SOURCES",
    "REVIEWED_HEADER",
    "REVIEWER_HEADER",
    "SOURCE_LANGUAGE",
    "CatalogueStatus",
    "catalogue_languages",
    "catalogue_path",
    "catalogue_status",
    "is_portal_entry",
    "is_portal_source",
    "is_reviewed",
    "portal_languages",
    "portal_threshold",
    "status_rows",
    "status_table_markdown",
    "statuses",
]
