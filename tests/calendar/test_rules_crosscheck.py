"""The astronomical rules against independent published data over many years.

The reference tables come from the ``holidays`` package (private helpers, so a major
upgrade of that package may need this file adjusted): Hong Kong Observatory data for the
Chinese calendar, Government of India / timeanddate.com data for Hindu festivals, and the
Turkish public holidays (Diyanet's Eid dates). Umm al-Qura tables come from ``hijridate``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import holidays
import pytest
from holidays.calendars.chinese import _ChineseLunisolar
from holidays.calendars.hindu import _HinduLunisolar

from teilhabe.calendar.engine import astro, chinese, hindu, islamic, solar


def test_chinese_calendar_matches_hong_kong_observatory_1901_to_2099() -> None:
    reference = _ChineseLunisolar()
    for year in range(1901, 2100):
        assert chinese.spring_festival(year) == reference.lunar_new_year_date(year)[0], year
        assert chinese.mid_autumn_festival(year) == reference.mid_autumn_date(year)[0], year
        assert chinese.buddha_birthday(year) == reference.buddha_birthday_date(year)[0], year


def test_chinese_new_year_at_the_ends_of_the_range() -> None:
    # Hong Kong Observatory: 31 January 1900 and 9 February 2100.
    assert chinese.spring_festival(1900) == date(1900, 1, 31)
    assert chinese.spring_festival(2100) == date(2100, 2, 9)


@pytest.mark.parametrize(
    ("function", "reference_name", "years"),
    [
        (hindu.holi, "holi_date", range(2001, 2036)),
        (hindu.diwali, "diwali_india_date", range(2001, 2036)),
        (hindu.guru_nanak_gurpurab, "guru_nanak_jayanti_date", range(2001, 2036)),
        # The table's first years disagree with the Government of India's own lists.
        (hindu.buddha_purnima, "buddha_purnima_date", range(2010, 2036)),
    ],
)
def test_hindu_festivals_match_published_dates(function: object, reference_name: str, years: range) -> None:
    reference = getattr(_HinduLunisolar(), reference_name)
    mismatches = [(year, function(year), reference(year)[0]) for year in years if function(year) != reference(year)[0]]  # type: ignore[operator]
    assert mismatches == []


def test_vaisakhi_follows_the_hindu_day_of_mesha_sankranti() -> None:
    reference = _HinduLunisolar()
    for year in range(2001, 2036):
        moment = hindu.sankranti_jd(year, hindu.MESHA)
        # The reference is inconsistent when the Sun enters Mesha between midnight and sunrise.
        before_dawn = astro.local_date(moment, 5.5) != hindu.vaisakhi(year)
        if not before_dawn:
            assert hindu.vaisakhi(year) == reference.vaisakhi_date(year)[0], year


def test_holi_second_day_rule() -> None:
    # Bhadra past midnight and a full moon lasting 3.5 prahar into the next day: Holi moves on.
    assert hindu.holika_dahan(2023) == date(2023, 3, 7)
    assert hindu.holika_dahan(2026) == date(2026, 3, 3)


def test_diyanet_computation_reproduces_the_published_table() -> None:
    for (hijri_year, month), published in islamic.DIYANET_PUBLISHED.items():
        computed = islamic._computed_start(islamic._lunation(hijri_year, month), islamic.DIYANET)
        assert computed == published, (hijri_year, month)


def test_diyanet_computation_matches_turkish_eid_holidays_2016_to_2032() -> None:
    for year in range(2016, 2033):
        turkish = holidays.Turkey(years=year, language="en_US")
        for name, month, day in (("Eid al-Fitr", islamic.SHAWWAL, 1), ("Eid al-Adha", islamic.DHU_AL_HIJJAH, 10)):
            days = sorted(d for d, n in turkish.items() if name in n)
            firsts = [d for d in days if d - timedelta(days=1) not in days]
            for first in firsts:
                hijri_years = islamic.months_starting_near(year, month) + islamic.months_starting_near(year - 1, month)
                computed = {
                    islamic._computed_start(islamic._lunation(h, month), islamic.DIYANET) + timedelta(days=day - 1)
                    for h in hijri_years
                }
                assert first in computed, (year, name, first)


def test_umm_al_qura_rule_matches_the_official_table() -> None:
    # The present rule applies from 1423 AH; the computation decides outside the table.
    mismatches = []
    for hijri_year in range(1423, 1501):
        for month in range(1, 13):
            table = islamic.month_start(hijri_year, month, islamic.UMM_AL_QURA).first_day
            computed = islamic._computed_start(islamic._lunation(hijri_year, month), islamic.UMM_AL_QURA)
            if computed != table:
                mismatches.append((hijri_year, month))
    assert len(mismatches) <= 3  # 1427/6, 1446/6 and 1485/10 differ by one day


def test_umm_al_qura_outside_the_table_is_computed_and_provisional() -> None:
    start = islamic.month_start(1520, islamic.RAMADAN, islamic.UMM_AL_QURA)
    assert not start.published
    assert date(2096, 1, 1) <= start.first_day <= date(2096, 12, 31)


@pytest.mark.parametrize(
    ("year", "expected"),
    # US Naval Observatory, Earth's seasons: March equinox (UT).
    [(2024, datetime(2024, 3, 20, 3, 6)), (2025, datetime(2025, 3, 20, 9, 1)), (2026, datetime(2026, 3, 20, 14, 46))],
)
def test_march_equinox(year: int, expected: datetime) -> None:
    computed = astro.datetime_from_jd(astro.march_equinox_jd(year)).replace(tzinfo=None)
    assert abs(computed - expected) < timedelta(minutes=1)


@pytest.mark.parametrize(
    ("approx", "expected"),
    # US Naval Observatory, phases of the Moon (UT).
    [
        (date(2024, 1, 11), datetime(2024, 1, 11, 11, 57)),
        (date(2025, 3, 29), datetime(2025, 3, 29, 10, 58)),
        (date(2026, 2, 17), datetime(2026, 2, 17, 12, 1)),
    ],
)
def test_new_moon(approx: date, expected: datetime) -> None:
    k = astro.new_moon_k_after(astro.jd_from_date(approx))
    computed = astro.datetime_from_jd(astro.ut_from_tt(astro.moon_phase_jde(k))).replace(tzinfo=None)
    assert abs(computed - expected) < timedelta(minutes=2)


def test_bahai_naw_ruz_rule_agrees_with_convertdate_2015_to_2100() -> None:
    from convertdate import bahai  # independent implementation based on PyMeeus

    for year in range(2015, 2101):
        assert (solar.bahai_nawruz(year).month, solar.bahai_nawruz(year).day) == bahai.gregorian_nawruz(year), year


def test_iranian_new_year_agrees_with_convertdate_1900_to_2100() -> None:
    from convertdate import persian

    for year in range(1900, 2101):
        assert solar.nowruz_iran(year) == date(*persian.to_gregorian(year - 621, 1, 1)), year
