"""Conventions, variants, validation and the shape of the engine's API."""

from __future__ import annotations

import re
import time
from dataclasses import FrozenInstanceError
from datetime import date

import pytest

from teilhabe.calendar.engine import (
    MAX_YEAR,
    MIN_YEAR,
    ObservanceNotAvailable,
    Occurrence,
    communities,
    compute_year,
    definitions,
    mark_statutory,
    occurrences_of,
    statutory_holidays,
    variant_choices,
)


def _one(key: str, year: int, *, variants: dict[str, str] | None = None, land: str | None = None) -> Occurrence:
    matches = [o for o in compute_year(year, variants=variants, land=land) if o.key == key]
    assert len(matches) == 1, matches
    return matches[0]


# --- conventions --------------------------------------------------------------------------------


def test_pesach_2025_first_full_day_and_evening_before() -> None:
    pesach = _one("pesach", 2025)
    assert pesach.date == date(2025, 4, 13)
    assert pesach.begins_evening_before
    assert pesach.end_date == date(2025, 4, 20)
    assert pesach.days == 8


@pytest.mark.parametrize("community", ["jewish", "bahai"])
def test_jewish_and_bahai_holidays_begin_the_evening_before(community: str) -> None:
    assert all(d.begins_evening_before for d in definitions() if d.community == community)


def test_islamic_days_begin_the_evening_before_and_nights_are_dated_by_their_evening() -> None:
    islamic = [d for d in definitions() if d.community == "islamic"]
    nights = {d.key for d in islamic if d.night}
    assert nights == {"laylat-al-qadr", "regaip-kandili", "mirac-kandili", "berat-kandili"}
    assert all(d.begins_evening_before for d in islamic if not d.night)
    assert all(not d.begins_evening_before for d in islamic if d.night)
    # Diyanet 2025: Regaip Kandili on Thursday 2 January, the eve of the first Friday of Rajab.
    regaip = compute_year(2025)[0]
    assert (regaip.key, regaip.date, regaip.date.weekday()) == ("regaip-kandili", date(2025, 1, 2), 3)


def test_lengths_follow_the_documented_conventions() -> None:
    lengths = {d.key: d.length_days for d in definitions()}
    assert lengths["pesach"] == 8
    assert lengths["sukkot"] == 7
    assert lengths["hanukkah"] == 8
    assert lengths["eid-al-fitr"] == 3
    assert lengths["eid-al-adha"] == 4
    assert lengths["ramadan-start"] == 1
    assert lengths["intercultural-week"] == 8


def test_one_day_observances_have_no_end_date() -> None:
    assert _one("yom-kippur", 2025).end_date is None


def test_islamic_observance_can_occur_twice_in_a_year() -> None:
    assert [o.date for o in compute_year(2025) if o.key == "regaip-kandili"] == [date(2025, 1, 2), date(2025, 12, 25)]
    # Eid al-Fitr fell twice in 2000 (8 January and 27/28 December).
    assert len([o for o in compute_year(2000) if o.key == "eid-al-fitr"]) == 2


def test_results_are_sorted_by_date_then_key() -> None:
    occurrences = compute_year(2025)
    assert occurrences == sorted(occurrences, key=lambda o: (o.date, o.key))
    same_day = [o.key for o in occurrences if o.date == date(2025, 3, 21)]
    assert same_day == sorted(same_day) == ["international-day-against-racism", "newroz", "nowruz"]


def test_occurrence_is_frozen() -> None:
    occurrence = compute_year(2025)[0]
    with pytest.raises(FrozenInstanceError):
        occurrence.date = date(2025, 1, 1)  # type: ignore[misc]
    with pytest.raises(TypeError):
        occurrence.names["de"] = "x"  # type: ignore[index]


def test_provisional_marks_sighting_dependent_dates_only() -> None:
    occurrences = compute_year(2030)
    provisional = {o.key for o in occurrences if o.provisional}
    islamic = {d.key for d in definitions() if d.community == "islamic"}
    assert provisional and provisional <= islamic
    # Dates from Diyanet's published lists are final; Umm al-Qura is announced by sighting.
    assert not _one("ramadan-start", 2026).provisional
    assert _one("ramadan-start", 2026, variants={"islamic": "umm-al-qura"}).provisional


# --- variants ----------------------------------------------------------------------------------


def test_variant_choices_are_listed() -> None:
    choices = variant_choices()
    assert choices["islamic"] == ("diyanet", "umm-al-qura")
    assert choices["orthodox-christmas"] == ("julian", "armenian")
    assert choices["nowruz"] == ("iran", "fixed-21-march")
    assert choices["vesak"] == ("vaishakha-purnima", "east-asian")
    assert choices["vaisakhi"] == ("sankranti", "nanakshahi")


def test_diyanet_and_umm_al_qura_differ_where_their_authorities_differ() -> None:
    # Ramadan 1447: Diyanet 19 Feb 2026, Umm al-Qura 18 Feb 2026.
    assert _one("ramadan-start", 2026).date == date(2026, 2, 19)
    assert _one("ramadan-start", 2026, variants={"islamic": "umm-al-qura"}).date == date(2026, 2, 18)
    # Rajab 1445: Diyanet 12 Jan 2024 (Regaip on Thu 11 Jan), Umm al-Qura 13 Jan (Regaip 18 Jan).
    assert _one("regaip-kandili", 2024).date == date(2024, 1, 11)
    assert _one("regaip-kandili", 2024, variants={"islamic": "umm-al-qura"}).date == date(2024, 1, 18)
    # Both agree on Eid al-Adha 2025.
    assert _one("eid-al-adha", 2025, variants={"islamic": "umm-al-qura"}).date == date(2025, 6, 6)


def test_variant_is_recorded_on_the_occurrence() -> None:
    assert _one("eid-al-fitr", 2025).variant == "diyanet"
    assert _one("eid-al-fitr", 2025, variants={"islamic": "umm-al-qura"}).variant == "umm-al-qura"
    assert _one("pesach", 2025).variant is None


def test_armenian_christmas_variant() -> None:
    julian = _one("orthodox-christmas", 2025)
    armenian = _one("orthodox-christmas", 2025, variants={"orthodox-christmas": "armenian"})
    assert julian.date == date(2025, 1, 7)
    assert armenian.date == date(2025, 1, 6)
    assert armenian.names["hy"].startswith("Սուրբ Ծնունդ")
    assert "Armenische" in armenian.names["de"]


def test_orthodox_christmas_1900_is_6_january() -> None:
    # The Julian calendar was 12 days behind until February 1900 (Julian 25 Dec 1899 = 6 Jan 1900).
    assert _one("orthodox-christmas", 1900).date == date(1900, 1, 6)


def test_nowruz_iran_versus_fixed() -> None:
    # 2025: equinox at 12:31 Iran time, after noon, so 1 Farvardin 1404 is 21 March.
    assert _one("nowruz", 2025).date == date(2025, 3, 21)
    # 2024: equinox at 06:36 Iran time, so 20 March.
    assert _one("nowruz", 2024).date == date(2024, 3, 20)
    fixed = {"nowruz": "fixed-21-march"}
    assert _one("nowruz", 2024, variants=fixed).date == date(2024, 3, 21)
    # The group also moves Chaharshanbe Suri and Yalda.
    assert _one("yalda", 2024, variants=fixed).date == date(2024, 12, 21)
    assert _one("chaharshanbe-suri", 2024, variants=fixed).date == date(2024, 3, 19)


def test_key_overrides_group() -> None:
    chosen = compute_year(2026, variants={"islamic": "umm-al-qura", "ramadan-start": "diyanet"})
    by_key = {o.key: o for o in chosen}
    assert by_key["ramadan-start"].date == date(2026, 2, 19)
    assert by_key["laylat-al-qadr"].date == date(2026, 3, 15)


def test_other_variants() -> None:
    assert _one("vesak", 2025, variants={"vesak": "east-asian"}).date == date(2025, 5, 5)
    assert _one("vaisakhi", 2025, variants={"vaisakhi": "nanakshahi"}).date == date(2025, 4, 14)


@pytest.mark.parametrize(
    "variants",
    [{"islam": "diyanet"}, {"islamic": "saudi"}, {"pesach": "israel"}],
)
def test_unknown_variants_are_rejected(variants: dict[str, str]) -> None:
    with pytest.raises(ValueError, match="unknown variant"):
        compute_year(2025, variants=variants)


# --- validation and range -----------------------------------------------------------------------


@pytest.mark.parametrize("year", [1899, 2101, -5, 10000])
def test_years_outside_the_range_are_rejected(year: int) -> None:
    with pytest.raises(ValueError, match="1900-2100"):
        compute_year(year)


@pytest.mark.parametrize("year", ["2025", 2025.0, True])
def test_year_must_be_an_int(year: object) -> None:
    with pytest.raises(TypeError):
        compute_year(year)  # type: ignore[arg-type]


def test_two_hundred_years_compute() -> None:
    keys = {d.key for d in definitions()}
    for year in range(MIN_YEAR, MAX_YEAR + 1):
        occurrences = compute_year(year)
        assert all(o.date.year == year for o in occurrences)
        assert all(o.end_date is None or o.end_date > o.date for o in occurrences)
        missing = keys - {o.key for o in occurrences}
        # A Hijri year is shorter than a Gregorian one, so only days not yet observed may be absent.
        assert all(_not_yet_observed(key, year) for key in missing), (year, missing)


def _not_yet_observed(key: str, year: int) -> bool:
    since = next(d.since for d in definitions() if d.key == key)
    return since is not None and year < since


def test_not_yet_observed_days_are_left_out_or_raise() -> None:
    assert "world-refugee-day" not in {o.key for o in compute_year(2000)}
    assert "world-refugee-day" in {o.key for o in compute_year(2001)}
    with pytest.raises(ObservanceNotAvailable, match="since 2001"):
        occurrences_of("world-refugee-day", 2000)


def test_bahai_dates_before_2015_are_the_fixed_western_dates() -> None:
    assert _one("naw-ruz-bahai", 2014).date == date(2014, 3, 21)
    assert _one("ridvan", 2014).date == date(2014, 4, 21)


def test_intercultural_week_rule() -> None:
    for year in range(2021, 2040):
        week = _one("intercultural-week", year)
        assert week.end_date is not None
        assert week.date.weekday() == 6 and week.end_date.weekday() == 6
        assert week.end_date.month == 9 and week.end_date.day > 23
    # As published for 2020: 27 September to 4 October.
    published = _one("intercultural-week", 2020)
    assert (published.date, published.end_date) == (date(2020, 9, 27), date(2020, 10, 4))


def test_one_year_is_fast() -> None:
    start = time.process_time()
    compute_year(2087)  # not computed by other tests
    assert time.process_time() - start < 0.1  # about 15 ms on a laptop; generous for CI


# --- statutory holidays ------------------------------------------------------------------------


def test_statutory_holidays_of_baden_wuerttemberg() -> None:
    holidays = statutory_holidays(2025, "BW")
    assert holidays[date(2025, 1, 6)] == "Heilige Drei Könige"
    assert date(2025, 6, 19) in holidays  # Fronleichnam
    assert date(2025, 10, 31) not in holidays  # Reformationstag is not a holiday in BW


def test_statutory_marks_depend_on_the_land() -> None:
    bw = {o.key: o.is_statutory_holiday for o in compute_year(2025, land="BW")}
    ni = {o.key: o.is_statutory_holiday for o in compute_year(2025, land="ni")}
    be = {o.key: o.is_statutory_holiday for o in compute_year(2025, land="DE-BE")}
    assert bw["epiphany"] and bw["corpus-christi"] and bw["all-saints"] and not bw["reformation-day"]
    assert ni["reformation-day"] and not ni["corpus-christi"]
    assert be["international-womens-day"] and not bw["international-womens-day"]
    assert all(bw[key] for key in ("good-friday", "easter", "ascension", "pentecost", "christmas"))
    assert all(be[key] for key in ("day-of-german-unity",))
    # Only days that can be German holidays are marked: Pesach may overlap Easter Monday.
    assert not bw["pesach"] and not bw["eid-al-adha"]


def test_without_land_nothing_is_marked() -> None:
    assert not any(o.is_statutory_holiday for o in compute_year(2025))


def test_mark_statutory_recomputes_for_another_land() -> None:
    marked = mark_statutory(compute_year(2025, land="BW"), "NI")
    by_key = {o.key: o.is_statutory_holiday for o in marked}
    assert by_key["reformation-day"] and not by_key["epiphany"]


def test_unknown_land_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown Land"):
        compute_year(2025, land="XX")


# --- registry ------------------------------------------------------------------------------------


def test_communities_have_names_colours_and_languages() -> None:
    keys = {c.key for c in communities()}
    assert keys == {
        "christian", "orthodox", "islamic", "alevi", "jewish", "hindu", "buddhist", "sikh", "bahai",
        "persian", "kurdish", "yazidi", "east-asian", "international",
    }
    for community in communities():
        assert re.fullmatch(r"#[0-9A-F]{6}", community.colour)
        assert community.name_de and community.name_en
    assert len({c.colour for c in communities()}) == len(communities())


def test_definitions_are_complete() -> None:
    for definition in definitions():
        assert definition.community in {c.key for c in communities()}
        assert definition.names["de"] and definition.names["en"]
        assert definition.description_de and definition.description_en
        assert definition.length_days >= 1
        assert definition.rules


def test_name_languages_are_declared_by_their_community() -> None:
    languages = {c.key: {"de", "en", *c.languages} for c in communities()}
    for definition in definitions():
        used = set(definition.names) | {code for names in definition.variant_names.values() for code in names}
        assert used <= languages[definition.community], definition.key


def test_names_in_the_communities_own_languages() -> None:
    names = {d.key: d.names for d in definitions()}
    assert names["pesach"]["he"] == "פסח"
    assert names["eid-al-fitr"]["tr"] == "Ramazan Bayramı"
    assert names["eid-al-fitr"]["ar"] == "عيد الفطر"
    assert names["nowruz"]["fa"] == "نوروز"
    assert names["newroz"]["ku"] == "Newroz"
    assert names["diwali"]["hi"] == "दीपावली"
    assert names["vaisakhi"]["pa"] == "ਵਿਸਾਖੀ"
    assert names["chinese-new-year"]["zh"] == "春节"
    assert names["orthodox-easter"]["el"] == "Πάσχα"


def test_two_hundred_years_with_the_other_variants() -> None:
    others = {key: choices[1] for key, choices in variant_choices().items() if key in _GROUPS}
    for year in range(MIN_YEAR, MAX_YEAR + 1):
        occurrences = compute_year(year, variants=others, land="BW")
        assert {o.variant for o in occurrences if o.variant} <= set(others.values())


_GROUPS = {"islamic", "orthodox-christmas", "nowruz", "vesak", "vaisakhi"}


def test_communities_are_named_in_the_portal_languages() -> None:
    for community in communities():
        for language in ("ar", "fa", "tr", "uk", "ru"):
            assert community.name_in(language), (community.key, language)
        assert community.name_in("de") == community.name_de and community.name_in("en") == community.name_en
    assert next(c for c in communities() if c.key == "jewish").name_in("uk") == "Юдаїзм"
    assert next(c for c in communities() if c.key == "jewish").name_in("ti") == ""
