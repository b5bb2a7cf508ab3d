"""Searching the index: PostgreSQL full-text search (tsvector per language, ts_rank_cd, ts_headline) or, on
SQLite, FTS5 (bm25, snippet) — else a plain LIKE search. Every search is two queries whatever the size of
the index: the counts per kind, and the page of hits with their snippets.

In the reader's language first: documents in `language` come first; a German document shows only when the
same thing has no matching document in the reader's language (the German fallback)."""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.utils.safestring import SafeString, mark_safe

from teilhabe.core.i18n import FALLBACK_LANGUAGE, direction
from teilhabe.core.models import Municipality
from teilhabe.core.paging import Page
from teilhabe.search import registry

# The text search configuration of each language PostgreSQL stems (\dF on PostgreSQL 15); all others
# 'simple'. The generated column of migrations/0001_initial.py holds a frozen copy: keep them equal.
PG_CONFIGS: dict[str, str] = {
    "de": "german", "ar": "arabic", "en": "english", "tr": "turkish", "ru": "russian", "fr": "french",
    "es": "spanish", "it": "italian", "pt": "portuguese", "nl": "dutch", "el": "greek", "hu": "hungarian",
    "ro": "romanian", "sr": "serbian", "hy": "armenian", "ta": "tamil", "hi": "hindi", "yi": "yiddish",
}
PER_PAGE = 20
MAX_QUERY = 200  # characters of a query that are used
MAX_TOKENS = 8
START, STOP = "\ue000", "\ue001"  # marks of a hit in a snippet (private use characters, escaped later)
TABLE = "search_searchdocument"
FTS_TABLE = "search_searchdocument_fts"
_TOKEN = re.compile(r"\w+", re.UNICODE)
_LATIN = re.compile(r"^[a-zà-öø-ÿß0-9]+$")
# A light German suffix stripping for SQLite, which has no stemmer: "Sprachkurse" searches "sprachkurs*".
_GERMAN_ENDINGS = ("ern", "em", "en", "er", "es", "e", "n", "s")


def config(language: str) -> str:
    return PG_CONFIGS.get(language, "simple")


def config_sql(column: str) -> str:
    cases = " ".join(f"WHEN '{code}' THEN '{cfg}'::regconfig" for code, cfg in PG_CONFIGS.items())
    return f"CASE {column} {cases} ELSE 'simple'::regconfig END"


def tokens(query: str) -> list[str]:
    """The words of a query, lower-cased, at most MAX_TOKENS of them."""
    return [t.lower() for t in _TOKEN.findall(query[:MAX_QUERY]) if t.strip("_")][:MAX_TOKENS]


def light_stem(token: str) -> str:
    if len(token) <= 5 or not _LATIN.match(token):
        return token
    for ending in _GERMAN_ENDINGS:
        if token.endswith(ending) and len(token) - len(ending) >= 4:
            return token[: -len(ending)]
    return token


@dataclass(frozen=True, slots=True)
class Hit:
    kind: str
    object_id: int
    language: str
    title: str
    url: str
    date: Any
    snippet: SafeString
    rank: float
    title_html: SafeString  # the title with the words found marked

    @property
    def kind_label(self) -> str:
        return registry.kind_label(self.kind)

    @property
    def dir(self) -> str:
        return direction(self.language)


@dataclass(frozen=True, slots=True)
class KindCount:
    kind: str
    label: str
    count: int


@dataclass
class SearchResults:
    query: str
    language: str
    kind: str | None
    page: Page[Hit]
    kinds: list[KindCount]

    @property
    def total(self) -> int:
        return sum(k.count for k in self.kinds)


def _snippet(text: str | None) -> SafeString:
    escaped = html.escape(text or "")
    return mark_safe(escaped.replace(START, "<mark>").replace(STOP, "</mark>"))  # escaped above


def search(municipality: Municipality, query: str, *, language: str, kind: str | None = None, page: int = 1,
           per_page: int = PER_PAGE) -> SearchResults:
    """The page `page` of hits for `query` in `municipality`, for a reader of `language`; `kind` filters."""
    words = tokens(query)
    if not words:
        return SearchResults(query, language, kind, Page([], 1, 1, 0, per_page), [])
    backend = _backend()
    where, params = backend.where(municipality.pk, words, language)
    counts = dict(backend.counts(where, params))
    known = {s.kind: s for s in registry.sources()}
    order = {s.kind: i for i, s in enumerate(registry.sources())}
    kinds = [KindCount(k, registry.kind_label(k), n) for k, n in sorted(counts.items(), key=lambda kv: (
        order.get(kv[0], len(order)), kv[0])) if k in known or n]
    total = counts.get(kind, 0) if kind else sum(counts.values())
    num_pages = max(1, math.ceil(total / per_page))
    number = min(max(1, page), num_pages)
    hits: list[Hit] = []
    if total:
        kind_where, kind_params = (where + " AND d.kind = %s", [*params, kind]) if kind else (where, params)
        hits = backend.page(kind_where, kind_params, words, language, per_page, (number - 1) * per_page)
    return SearchResults(query, language, kind, Page(hits, number, num_pages, total, per_page), kinds)


def _backend() -> Any:
    if connection.vendor == "postgresql":
        return PostgresSearch
    return SqliteSearch if _has_fts_table() else LikeSearch


_FTS_PRESENT: dict[str, bool] = {}


def _has_fts_table() -> bool:
    key = str(connection.settings_dict.get("NAME"))
    if key not in _FTS_PRESENT:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [FTS_TABLE])
            _FTS_PRESENT[key] = cursor.fetchone() is not None
    return _FTS_PRESENT[key]


def _fetch(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _hits(rows: list[tuple[Any, ...]]) -> list[Hit]:
    return [Hit(kind=k, object_id=oid, language=lang, title=_plain(title), url=url, date=_date(date),
                snippet=_snippet(snippet), rank=float(rank or 0), title_html=_snippet(marked or title))
            for k, oid, lang, title, url, date, rank, snippet, marked in rows]


def _plain(text: str) -> str:
    return (text or "").replace(START, "").replace(STOP, "")


def _date(value: Any) -> Any:
    if isinstance(value, str) and value:
        import datetime as dt

        return dt.date.fromisoformat(value[:10])
    return value


class PostgresSearch:
    @staticmethod
    def tsquery(words: list[str]) -> str:
        # Each word as a prefix, and its lightly stripped form too: Snowball stems "Sprachkurs" to
        # "sprachkur" but "Sprachkurse" to "sprachkurs", so the plural alone would miss the singular.
        groups = []
        for w in words:
            forms = dict.fromkeys((w, light_stem(w)))
            groups.append("(" + " | ".join(f"'{f}':*" for f in forms) + ")")  # \w tokens hold no quotes
        return " & ".join(groups)

    @classmethod
    def where(cls, municipality_id: int, words: list[str], language: str) -> tuple[str, list[Any]]:
        q = cls.tsquery(words)
        own = "d.language = %s AND d.search_vector @@ to_tsquery(%s::regconfig, %s)"
        params: list[Any] = [municipality_id, language, config(language), q]
        if language == FALLBACK_LANGUAGE:
            return f"d.municipality_id = %s AND d.published AND ({own})", params
        fallback = (
            f"d.language = '{FALLBACK_LANGUAGE}' AND d.search_vector @@ to_tsquery('german', %s) AND NOT EXISTS ("  # noqa: S608 - constant identifiers
            f"SELECT 1 FROM {TABLE} t WHERE t.municipality_id = d.municipality_id AND t.kind = d.kind "
            "AND t.object_id = d.object_id AND t.language = %s AND t.published "
            "AND t.search_vector @@ to_tsquery(%s::regconfig, %s))"
        )
        params += [q, language, config(language), q]
        return f"d.municipality_id = %s AND d.published AND (({own}) OR ({fallback}))", params

    @staticmethod
    def counts(where: str, params: list[Any]) -> list[tuple[str, int]]:
        return [(k, int(n)) for k, n in _fetch(f"SELECT d.kind, count(*) FROM {TABLE} d WHERE {where} "  # noqa: S608 - constant identifiers
                                                "GROUP BY d.kind", params)]

    @classmethod
    def page(cls, where: str, params: list[Any], words: list[str], language: str, limit: int,
             offset: int) -> list[Hit]:
        q = cls.tsquery(words)
        # The query of a row's language: both are constants the planner computes once (not once per row).
        query_of = (f"CASE WHEN {{alias}}.language = %s THEN to_tsquery(%s::regconfig, %s) "
                    f"ELSE to_tsquery('{config(FALLBACK_LANGUAGE)}', %s) END")
        query_params = [language, config(language), q, q]
        inner = (
            f"SELECT d.id, ts_rank_cd(d.search_vector, {query_of.format(alias='d')}) AS rank "  # noqa: S608 - constant identifiers
            f"FROM {TABLE} d WHERE {where} "
            "ORDER BY (d.language = %s) DESC, rank DESC, d.title, d.id LIMIT %s OFFSET %s"
        )
        options = (f"StartSel={START}, StopSel={STOP}, MaxWords=30, MinWords=12, MaxFragments=2, "
                   'FragmentDelimiter=" … "')
        whole = f"StartSel={START}, StopSel={STOP}, HighlightAll=true"
        sql = (
            "SELECT s.kind, s.object_id, s.language, s.title, s.url, s.date, r.rank, "  # noqa: S608 - constant identifiers
            f"ts_headline({config_sql('s.language')}, s.body, {query_of.format(alias='s')}, %s), "
            f"ts_headline({config_sql('s.language')}, s.title, {query_of.format(alias='s')}, %s) "
            f"FROM ({inner}) r JOIN {TABLE} s ON s.id = r.id "
            "ORDER BY (s.language = %s) DESC, r.rank DESC, s.title, s.id"
        )
        return _hits(_fetch(sql, [*query_params, options, *query_params, whole, *query_params, *params, language,
                                  limit, offset, language]))


class SqliteSearch:
    @staticmethod
    def match(words: list[str]) -> str:
        return " ".join(f'"{light_stem(w)}"*' for w in words)  # \w tokens hold no quotes

    @classmethod
    def where(cls, municipality_id: int, words: list[str], language: str) -> tuple[str, list[Any]]:
        match = cls.match(words)
        hits = f"d.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)"  # noqa: S608 - constant identifiers
        params: list[Any] = [municipality_id, match, language]
        if language == FALLBACK_LANGUAGE:
            return f"d.municipality_id = %s AND d.published AND {hits} AND d.language = %s", params
        fallback = (
            f"d.language = '{FALLBACK_LANGUAGE}' AND NOT EXISTS (SELECT 1 FROM {TABLE} t WHERE "  # noqa: S608 - constant identifiers
            "t.municipality_id = d.municipality_id AND t.kind = d.kind AND t.object_id = d.object_id "
            f"AND t.language = %s AND t.published AND t.id IN (SELECT rowid FROM {FTS_TABLE} "
            f"WHERE {FTS_TABLE} MATCH %s))"
        )
        params += [language, match]
        return f"d.municipality_id = %s AND d.published AND {hits} AND (d.language = %s OR ({fallback}))", params

    @staticmethod
    def counts(where: str, params: list[Any]) -> list[tuple[str, int]]:
        return [(k, int(n)) for k, n in _fetch(f"SELECT d.kind, count(*) FROM {TABLE} d WHERE {where} "  # noqa: S608 - constant identifiers
                                                "GROUP BY d.kind", params)]

    @classmethod
    def page(cls, where: str, params: list[Any], words: list[str], language: str, limit: int,
             offset: int) -> list[Hit]:
        sql = (
            "SELECT d.kind, d.object_id, d.language, d.title, d.url, d.date, "  # noqa: S608 - constant identifiers
            f"bm25({FTS_TABLE}, 10.0, 1.0) AS rank, snippet({FTS_TABLE}, 1, %s, %s, ' … ', 24), "
            f"highlight({FTS_TABLE}, 0, %s, %s) "
            f"FROM {FTS_TABLE} JOIN {TABLE} d ON d.id = {FTS_TABLE}.rowid "
            f"WHERE {FTS_TABLE} MATCH %s AND {where} "
            "ORDER BY (d.language = %s) DESC, rank, d.title, d.id LIMIT %s OFFSET %s"
        )
        rows = _fetch(sql, [START, STOP, START, STOP, cls.match(words), *params, language, limit, offset])
        return _hits([(*row[:6], -float(row[6] or 0), *row[7:]) for row in rows])


class LikeSearch:
    """SQLite without FTS5: every word must occur in title or body (case-insensitive for ASCII letters);
    a title hit ranks before a body hit. No snippets beyond the start of the body."""

    @staticmethod
    def _patterns(words: list[str]) -> list[str]:
        return ["%" + light_stem(w).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                for w in words]

    @classmethod
    def _all_words(cls, alias: str, words: list[str]) -> tuple[str, list[Any]]:
        parts, params = [], []
        for pattern in cls._patterns(words):
            parts.append(f"({alias}.title LIKE %s ESCAPE '\\' OR {alias}.body LIKE %s ESCAPE '\\')")
            params += [pattern, pattern]
        return " AND ".join(parts), params

    @classmethod
    def where(cls, municipality_id: int, words: list[str], language: str) -> tuple[str, list[Any]]:
        own, own_params = cls._all_words("d", words)
        other, other_params = cls._all_words("t", words)
        fallback = (
            f"d.language = '{FALLBACK_LANGUAGE}' AND NOT EXISTS (SELECT 1 FROM {TABLE} t WHERE "  # noqa: S608 - constant identifiers
            "t.municipality_id = d.municipality_id AND t.kind = d.kind AND t.object_id = d.object_id "
            f"AND t.language = %s AND t.published AND {other})"
        )
        return (f"d.municipality_id = %s AND d.published AND {own} AND (d.language = %s OR ({fallback}))",
                [municipality_id, *own_params, language, language, *other_params])

    counts = SqliteSearch.counts

    @classmethod
    def page(cls, where: str, params: list[Any], words: list[str], language: str, limit: int,
             offset: int) -> list[Hit]:
        pattern = cls._patterns(words)[0]
        sql = (
            "SELECT d.kind, d.object_id, d.language, d.title, d.url, d.date, "  # noqa: S608 - constant identifiers
            "CASE WHEN d.title LIKE %s ESCAPE '\\' THEN 1 ELSE 0 END AS rank, substr(d.body, 1, 200), d.title "
            f"FROM {TABLE} d WHERE {where} ORDER BY (d.language = %s) DESC, rank DESC, d.title, d.id "
            "LIMIT %s OFFSET %s"
        )
        return _hits(_fetch(sql, [pattern, *params, language, limit, offset]))
