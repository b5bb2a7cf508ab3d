"""Every observance for 2024, 2025 and 2026 against dates published by official calendars.

Each block names its source. Dates are first full days (see the engine's conventions);
multi-day observances also give their last day.
An expectation is a date, a (first, last) span, or a list when an observance falls twice
in one Gregorian year (Regaip Kandili 2025).
"""

from __future__ import annotations

from datetime import date

import pytest

from teilhabe.calendar.engine import compute_year, definitions

D = date

# Source: Evangelische Kirche in Deutschland / Deutsche Bischofskonferenz church-year
# calendars; the statutory ones as listed by the Innenministerium Baden-Württemberg.
CHRISTIAN = {
    "epiphany": (D(2024, 1, 6), D(2025, 1, 6), D(2026, 1, 6)),
    "ash-wednesday": (D(2024, 2, 14), D(2025, 3, 5), D(2026, 2, 18)),
    "good-friday": (D(2024, 3, 29), D(2025, 4, 18), D(2026, 4, 3)),
    "easter": ((D(2024, 3, 31), D(2024, 4, 1)), (D(2025, 4, 20), D(2025, 4, 21)), (D(2026, 4, 5), D(2026, 4, 6))),
    "ascension": (D(2024, 5, 9), D(2025, 5, 29), D(2026, 5, 14)),
    "pentecost": ((D(2024, 5, 19), D(2024, 5, 20)), (D(2025, 6, 8), D(2025, 6, 9)), (D(2026, 5, 24), D(2026, 5, 25))),
    "corpus-christi": (D(2024, 5, 30), D(2025, 6, 19), D(2026, 6, 4)),
    "reformation-day": (D(2024, 10, 31), D(2025, 10, 31), D(2026, 10, 31)),
    "all-saints": (D(2024, 11, 1), D(2025, 11, 1), D(2026, 11, 1)),
    "first-advent": (D(2024, 12, 1), D(2025, 11, 30), D(2026, 11, 29)),
    "christmas": (
        (D(2024, 12, 25), D(2024, 12, 26)),
        (D(2025, 12, 25), D(2025, 12, 26)),
        (D(2026, 12, 25), D(2026, 12, 26)),
    ),
}

# Source: Orthodoxe Bischofskonferenz in Deutschland (OBKD) and the Serbian Orthodox Church's
# calendar (Julian feasts: Christmas 25 Dec = 7 Jan, Theophany 6 Jan = 19 Jan).
ORTHODOX = {
    "orthodox-christmas": (D(2024, 1, 7), D(2025, 1, 7), D(2026, 1, 7)),
    "orthodox-epiphany": (D(2024, 1, 19), D(2025, 1, 19), D(2026, 1, 19)),
    "orthodox-easter": (D(2024, 5, 5), D(2025, 4, 20), D(2026, 4, 12)),
    "orthodox-pentecost": (D(2024, 6, 23), D(2025, 6, 8), D(2026, 5, 31)),
}

# Source: Diyanet İşleri Başkanlığı, "Dini Günler" 2024, 2025 and 2026 (the default variant).
# Kandil nights and Kadir Gecesi are listed by the evening on which they begin; the Mevlid
# Kandili (evening of 3 Sep 2025) is the eve of the Prophet's birthday (4 Sep 2025).
ISLAMIC_DIYANET = {
    "regaip-kandili": (D(2024, 1, 11), [D(2025, 1, 2), D(2025, 12, 25)], D(2026, 12, 10)),
    "mirac-kandili": (D(2024, 2, 6), D(2025, 1, 26), D(2026, 1, 15)),
    "berat-kandili": (D(2024, 2, 24), D(2025, 2, 13), D(2026, 2, 2)),
    "ramadan-start": (D(2024, 3, 11), D(2025, 3, 1), D(2026, 2, 19)),
    "laylat-al-qadr": (D(2024, 4, 5), D(2025, 3, 26), D(2026, 3, 16)),
    "eid-al-fitr": (
        (D(2024, 4, 10), D(2024, 4, 12)),
        (D(2025, 3, 30), D(2025, 4, 1)),
        (D(2026, 3, 20), D(2026, 3, 22)),
    ),
    "eid-al-adha": ((D(2024, 6, 16), D(2024, 6, 19)), (D(2025, 6, 6), D(2025, 6, 9)), (D(2026, 5, 27), D(2026, 5, 30))),
    "islamic-new-year": (D(2024, 7, 7), D(2025, 6, 26), D(2026, 6, 16)),
    "ashura": (D(2024, 7, 16), D(2025, 7, 5), D(2026, 6, 25)),
    "mawlid": (D(2024, 9, 15), D(2025, 9, 4), D(2026, 8, 25)),
}

# Source: Föderation der Aleviten Gemeinden in Europa (AABF): Hıdırellez on 6 May, from the eve.
ALEVI = {"hidrellez": (D(2024, 5, 6), D(2025, 5, 6), D(2026, 5, 6))}

# Source: hebcal.com and chabad.org holiday calendars (diaspora).
JEWISH = {
    "tu-bishvat": (D(2024, 1, 25), D(2025, 2, 13), D(2026, 2, 2)),
    "purim": (D(2024, 3, 24), D(2025, 3, 14), D(2026, 3, 3)),
    "pesach": ((D(2024, 4, 23), D(2024, 4, 30)), (D(2025, 4, 13), D(2025, 4, 20)), (D(2026, 4, 2), D(2026, 4, 9))),
    "shavuot": ((D(2024, 6, 12), D(2024, 6, 13)), (D(2025, 6, 2), D(2025, 6, 3)), (D(2026, 5, 22), D(2026, 5, 23))),
    "tisha-bav": (D(2024, 8, 13), D(2025, 8, 3), D(2026, 7, 23)),
    "rosh-hashanah": (
        (D(2024, 10, 3), D(2024, 10, 4)),
        (D(2025, 9, 23), D(2025, 9, 24)),
        (D(2026, 9, 12), D(2026, 9, 13)),
    ),
    "yom-kippur": (D(2024, 10, 12), D(2025, 10, 2), D(2026, 9, 21)),
    "sukkot": ((D(2024, 10, 17), D(2024, 10, 23)), (D(2025, 10, 7), D(2025, 10, 13)), (D(2026, 9, 26), D(2026, 10, 2))),
    "simchat-torah": (D(2024, 10, 25), D(2025, 10, 15), D(2026, 10, 4)),
    "hanukkah": (
        (D(2024, 12, 26), D(2025, 1, 2)),
        (D(2025, 12, 15), D(2025, 12, 22)),
        (D(2026, 12, 5), D(2026, 12, 12)),
    ),
}

# Source: Government of India, Department of Personnel and Training, holiday lists 2024-2026
# (Holi, Diwali/Deepavali, Buddha Purnima, Guru Nanak's Birthday); Vaisakhi: drikpanchang.com
# (Baisakhi) and the timeanddate.com data tabulated in the ``holidays`` package.
DHARMIC = {
    "holi": (D(2024, 3, 25), D(2025, 3, 14), D(2026, 3, 4)),
    "diwali": (D(2024, 10, 31), D(2025, 10, 20), D(2026, 11, 8)),
    "vesak": (D(2024, 5, 23), D(2025, 5, 12), D(2026, 5, 1)),
    "vaisakhi": (D(2024, 4, 13), D(2025, 4, 13), D(2026, 4, 14)),
    "guru-nanak-gurpurab": (D(2024, 11, 15), D(2025, 11, 5), D(2026, 11, 24)),
}

# Source: Bahá'í World Centre, dates of Bahá'í holy days 172-221 B.E. (bahai.org).
BAHAI = {
    "naw-ruz-bahai": (D(2024, 3, 20), D(2025, 3, 20), D(2026, 3, 21)),
    "ridvan": ((D(2024, 4, 20), D(2024, 5, 1)), (D(2025, 4, 20), D(2025, 5, 1)), (D(2026, 4, 21), D(2026, 5, 2))),
}

# Source: the official Iranian calendar (Institute of Geophysics, University of Tehran):
# 1 Farvardin 1403/1404/1405 and 1 Dey (Yalda is the night before); Chaharshanbe Suri is the
# Tuesday evening before the last Wednesday of the year. Newroz: 21 March (Kurdish
# communities, e.g. NAV-DEM/KON-MED). Yazidi New Year (Çarşema Sor): Zentralrat der Êzîden in
# Deutschland. Chinese calendar: Hong Kong Observatory.
IRANIAN_KURDISH_YAZIDI_EAST_ASIAN = {
    "nowruz": (D(2024, 3, 20), D(2025, 3, 21), D(2026, 3, 21)),
    "chaharshanbe-suri": (D(2024, 3, 12), D(2025, 3, 18), D(2026, 3, 17)),
    "yalda": (D(2024, 12, 20), D(2025, 12, 21), D(2026, 12, 21)),
    "newroz": (D(2024, 3, 21), D(2025, 3, 21), D(2026, 3, 21)),
    "yazidi-new-year": (D(2024, 4, 17), D(2025, 4, 16), D(2026, 4, 15)),
    "chinese-new-year": (D(2024, 2, 10), D(2025, 1, 29), D(2026, 2, 17)),
    "mid-autumn-festival": (D(2024, 9, 17), D(2025, 10, 6), D(2026, 9, 25)),
}

# Source: UN / UNESCO international days; Interkulturelle Woche: Ökumenischer
# Vorbereitungsausschuss (interkulturellewoche.de) and the Bundesbeauftragte für Migration,
# Flüchtlinge und Integration; Day of German Unity: Einigungsvertrag Art. 2.
INTERNATIONAL = {
    "international-mother-language-day": (D(2024, 2, 21), D(2025, 2, 21), D(2026, 2, 21)),
    "international-womens-day": (D(2024, 3, 8), D(2025, 3, 8), D(2026, 3, 8)),
    "international-day-against-racism": (D(2024, 3, 21), D(2025, 3, 21), D(2026, 3, 21)),
    "international-roma-day": (D(2024, 4, 8), D(2025, 4, 8), D(2026, 4, 8)),
    "world-refugee-day": (D(2024, 6, 20), D(2025, 6, 20), D(2026, 6, 20)),
    "intercultural-week": (
        (D(2024, 9, 22), D(2024, 9, 29)),
        (D(2025, 9, 21), D(2025, 9, 28)),
        (D(2026, 9, 20), D(2026, 9, 27)),
    ),
    "day-of-german-unity": (D(2024, 10, 3), D(2025, 10, 3), D(2026, 10, 3)),
    "human-rights-day": (D(2024, 12, 10), D(2025, 12, 10), D(2026, 12, 10)),
    "international-migrants-day": (D(2024, 12, 18), D(2025, 12, 18), D(2026, 12, 18)),
}

EXPECTED = {
    **CHRISTIAN,
    **ORTHODOX,
    **ISLAMIC_DIYANET,
    **ALEVI,
    **JEWISH,
    **DHARMIC,
    **BAHAI,
    **IRANIAN_KURDISH_YAZIDI_EAST_ASIAN,
    **INTERNATIONAL,
}
YEARS = (2024, 2025, 2026)


def _spans(expected: object) -> list[tuple[object, object]]:
    """An expectation is a date, a (first, last) span, or a list of them (two in one year)."""
    items = expected if isinstance(expected, list) else [expected]
    return [(item[0], item[1]) if isinstance(item, tuple) else (item, None) for item in items]


def test_every_observance_has_published_dates() -> None:
    assert set(EXPECTED) == {definition.key for definition in definitions()}


@pytest.mark.parametrize("year_index", range(len(YEARS)), ids=[str(y) for y in YEARS])
@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_published_date(key: str, year_index: int) -> None:
    year = YEARS[year_index]
    computed = [(o.date, o.end_date) for o in compute_year(year) if o.key == key]
    assert computed == _spans(EXPECTED[key][year_index])
