"""The intercultural calendar engine: observances of Heidelberg's communities for 1900-2100.

Pure Python, no Django. Everything is computed by rules; published tables are used only
where a rule cannot decide (listed below).

Public API
==========

``compute_year(year, *, variants=None, land=None) -> list[Occurrence]``
    All observances whose first full day falls in ``year`` (1900-2100, else ``ValueError``),
    sorted by date, then key. ``variants`` maps a variant group or an observance key to a
    variant name (see ``variant_choices()``); unknown keys or names raise ``ValueError``.
    With ``land`` (``"BW"``, ``"NW"``, ...) observances on that Land's statutory holidays get
    ``is_statutory_holiday=True``. Results are memoised; a cold year takes 10-20 ms.
``occurrences_of(key, year, *, variant=None)``
    One observance; raises ``ObservanceNotAvailable`` for years before it existed.
``definitions()``, ``communities()``, ``variant_choices()``
``statutory_holidays(year, land_code, language="de") -> dict[date, str]`` and ``mark_statutory(occurrences, land)``
    German statutory holidays from the ``holidays`` package (Germany from 1991).
``to_csv``, ``to_json``, ``to_ics(occurrences, *, calendar_name, uid_domain, language="de")``

Conventions
===========

* ``date`` is the first FULL day. ``begins_evening_before`` says the observance starts at
  sunset the evening before (all Jewish, Islamic, Bahá'í holidays, Christmas Eve, Holika
  Dahan, Newroz fires, Hıdırellez, Çarşema Sor). Example: Pesach 2025 has ``date``
  2025-04-13 and begins on the evening of 12 April.
* Nights (``night=True``: Laylat al-Qadr, the Kandil nights, Chaharshanbe Suri, Yalda) are
  dated by the day on whose evening they begin, as Diyanet and Iranian calendars print them;
  Regaip Kandili 2025 is 2025-01-02, the Thursday evening before the first Friday of Rajab.
* ``end_date`` is the inclusive last day of multi-day observances (None for one day).
  Lengths: Easter, Pentecost and Christmas 2 days (German second holidays), Pesach 8
  (diaspora), Shavuot 2, Rosh Hashanah 2, Sukkot 7 (Shemini Atzeret and Simchat Torah are
  separate), Hanukkah 8, Eid al-Fitr 3 and Eid al-Adha 4 (the Turkish/German custom),
  Riḍván 12, Intercultural Week 8 (Sunday to Sunday). ``ramadan-start`` is one day: the
  first day of fasting; the month's end is visible from Eid al-Fitr.
* ``provisional`` marks dates that depend on moon sighting or an announcement still to
  come: Islamic dates except where taken from Diyanet's published lists. Occurrences that
  occur twice in a year (Islamic ones, about every 33 years) are both returned.
* ``since``: international days and the Day of German Unity appear only from their first
  year (e.g. World Refugee Day 2001); ``compute_year`` leaves them out before.

Variants (a municipality chooses what its communities use)
==========================================================

``islamic`` (all Islamic observances): ``diyanet`` (default; the calendar of the Turkish
    Diyanet İşleri Başkanlığı, followed by DITIB and most mosques in Germany) or
    ``umm-al-qura`` (Saudi Arabia). See ``islamic.py`` for the rules. The Kandil nights are
    Turkish notions; with ``umm-al-qura`` they are derived from the Saudi month starts.
``orthodox-christmas``: ``julian`` (default, 7 January; 6 January for 1900) or ``armenian``
    (6 January, Christmas and Theophany of the Armenian Apostolic Church).
``nowruz`` (nowruz, chaharshanbe-suri, yalda): ``iran`` (default; 1 Farvardin = day of the
    March equinox if before noon Iran time, else the next day) or ``fixed-21-march``.
``vesak``: ``vaishakha-purnima`` (default; full moon of Vaishakha as in India, Sri Lanka
    and the UN Day of Vesak) or ``east-asian`` (8th day of the 4th Chinese lunar month).
``vaisakhi``: ``sankranti`` (default; the Hindu day of Mesha Sankranti, SGPC/Bikrami
    practice) or ``nanakshahi`` (fixed 14 April of the original Nanakshahi calendar).

How the dates are computed, and sources
=======================================

* Astronomy (``astro.py``): Meeus, *Astronomical Algorithms* - VSOP87 Sun, ELP-2000/82
  Moon, lunar phases, equinoxes, rising and setting; ΔT by Espenak & Meeus with IERS values.
* Christian: Gregorian and Julian computus (``dateutil.easter``); Julian fixed feasts
  converted to Gregorian; First Advent = fourth Sunday before Christmas.
* Jewish (``hebrew.py``): the fixed Hebrew calendar from ``pyluach``, diaspora practice;
  Purim in Adar II of leap years; Tisha B'Av moves to Sunday when 9 Av is Shabbat.
* Islamic (``islamic.py``): ``umm-al-qura`` from the ``hijridate`` tables (1924-2077) and
  the Umm al-Qura rule outside them; ``diyanet`` from the published Diyanet "Dini Günler"
  lists for 2024-2026 (table with source) and otherwise the 2016 Istanbul (IHCUC)
  criterion that Diyanet applies. The computation reproduces the whole table, and the
  Turkish Eid holidays of 1998-2032 except 2012 and 2015; before 1998 Diyanet's dates
  were often a day later than the criterion gives. Hidrellez: 6 May.
* Hindu, Sikh, Buddhist (``hindu.py``): astronomical panchang rules for New Delhi (Lahiri
  ayanamsa, amanta months); they agree with the Government of India / timeanddate dates
  in the ``holidays`` package for Holi, Diwali and Guru Nanak Jayanti 2001-2035.
* Chinese (``chinese.py``): the modern Chinese calendar rules in UTC+8; identical to the
  Hong Kong Observatory data (via ``holidays``) for every year 1901-2099.
* Iranian and Bahá'í (``solar.py``): equinox rules for Tehran. Bahá'í dates before 2015 are
  the fixed Western dates (Naw-Rúz 21 March, Riḍván from 21 April). One published value
  overrides the computation: Naw-Rúz 2026 (21 March, Bahá'í World Centre), because the
  equinox falls within seconds of sunset in Tehran.
* Yazidi New Year: first Wednesday of April in the Julian calendar. Newroz: 21 March.
* Intercultural Week (``rules.py``): since 2019 Sunday to Sunday ending on the last Sunday of
  September (ÖVA; 2024: 22-29 Sep, 2025: 21-28 Sep, 2026: 20-27 Sep), 2020 as published
  (27 Sep - 4 Oct); before 2019 Sunday to Saturday before the Protestant Erntedankfest.

Tables used: Diyanet month starts 2024-2026 (``islamic.DIYANET_PUBLISHED``), Umm al-Qura
(``hijridate``, 1343-1500 AH), Bahá'í Naw-Rúz 2026 (``solar.BAHAI_PUBLISHED_NAWRUZ``),
Intercultural Week 2020 (``rules.IKW_PUBLISHED``), statutory holidays (``holidays``).
No observance is limited by a table's range: every year 1900-2100 is computed.
"""

from teilhabe.calendar.engine.compute import (
    STATUTORY_LANGUAGES,
    communities,
    compute_year,
    definitions,
    mark_statutory,
    occurrences_of,
    statutory_holidays,
    variant_choices,
)
from teilhabe.calendar.engine.model import (
    MAX_YEAR,
    MIN_YEAR,
    Community,
    Hit,
    ObservanceDef,
    ObservanceNotAvailable,
    Occurrence,
)
from teilhabe.calendar.engine.serialize import describe, to_csv, to_ics, to_json

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "STATUTORY_LANGUAGES",
    "Community",
    "Hit",
    "ObservanceDef",
    "ObservanceNotAvailable",
    "Occurrence",
    "communities",
    "compute_year",
    "definitions",
    "describe",
    "mark_statutory",
    "occurrences_of",
    "statutory_holidays",
    "to_csv",
    "to_ics",
    "to_json",
    "variant_choices",
]
