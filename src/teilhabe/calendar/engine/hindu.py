"""Hindu lunisolar festivals (also used for Sikh and Buddhist days), computed astronomically.

Conventions follow the widely used panchang practice for North India
(drikpanchang.com), which the Government of India's holiday lists match:

* Reference place New Delhi, civil dates in Indian Standard Time (UTC+5:30).
* Sidereal positions use the Lahiri (Chitrapaksha) ayanamsa, calibrated to
  reproduce drikpanchang's published Mesha Sankranti moments
  (2024-04-13 21:15 IST, 2025-04-14 03:30 IST) within a minute.
* Lunar months are amanta (new moon to new moon) and take their name from the
  solar sign (rashi) the Sun enters during the month: the month in which the
  Sun enters Mesha is Chaitra, Tula Ashvin, Vrishchika Kartika, Meena Phalguna,
  Vrishabha Vaishakha. A month without such an entry is an intercalary (adhika)
  month; festivals fall in the regular month, which this construction yields.
* A tithi is a 12-degree step of the Moon's elongation from the Sun.

Festival rules:

* Vaisakhi: the Hindu day (sunrise to sunrise) in which the Sun enters Mesha.
* Buddha Purnima (Vesak) and Guru Nanak Gurpurab (Kartik Purnima): the civil day
  whose sunrise falls in the full-moon tithi (udaya tithi).
* Diwali (Lakshmi Puja): the evening whose pradosh period (the first fifth of
  the night) overlaps the new-moon tithi (amavasya) of Ashvin/Kartika most.
* Holi (Dhulandi): the day after Holika Dahan, which takes place in the evening
  of Phalguna Purnima after Bhadra (the first half of the tithi) has ended; if
  Bhadra lasts beyond midnight and the full moon still lasts three and a half
  prahar after the next sunrise, Holika Dahan moves to that next evening
  (Dharmasindhu; this is why Holi fell on 8 March 2023 and 4 March 2026).
  Dharmasindhu also asks for a growing next tithi; published dates (2016,
  2023, 2026) show that panchangs do not apply that condition, so neither do we.

Checked against the tables of the ``holidays`` package (from timeanddate.com)
for 2001-2035: Holi, Diwali (India) and Guru Nanak Jayanti agree in every
year; Buddha Purnima from 2010 on; Vaisakhi except where the Sun enters Mesha
between midnight and sunrise, which the table dates inconsistently (2013 and
2025 agree with us, 2021 does not).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from teilhabe.calendar.engine import astro

IST_UTC_OFFSET = 5.5
DELHI = (28.6139, 77.2090)
# Lahiri ayanamsa at J2000.0 and annual general precession (degrees), see module docstring.
_AYANAMSA_J2000 = 23.8630
_PRECESSION_PER_YEAR = 0.0139693

MESHA, VRISHABHA, TULA, VRISHCHIKA, MEENA = 0, 1, 6, 7, 11
PURNIMA_START, PURNIMA_END = 168.0, 180.0
AMAVASYA_START = 348.0


def ayanamsa(jde: float) -> float:
    return _AYANAMSA_J2000 + _PRECESSION_PER_YEAR * (jde - astro.J2000) / 365.25


def _ist_date(jd: float) -> date:
    return astro.local_date(jd, IST_UTC_OFFSET)


def _sunrise(day: date) -> float:
    moment = astro.sunrise(day, *DELHI)
    assert moment is not None  # the Sun always rises at Delhi's latitude
    return moment


def _sunset(day: date) -> float:
    moment = astro.sunset(day, *DELHI)
    assert moment is not None
    return moment


@lru_cache(maxsize=512)
def sankranti_jd(year: int, rashi: int) -> float:
    """Instant (UT) in ``year`` at which the Sun enters the sidereal sign ``rashi`` (0 = Mesha)."""
    approx_month = (rashi + 3) % 12 + 1  # Mesha ~ mid-April
    guess = astro.tt_from_ut(astro.jd_from_date(date(year, approx_month, 14)))
    jde = guess
    for _ in range(3):
        jde = astro.solar_longitude_jde((30.0 * rashi + ayanamsa(jde)) % 360.0, jde)
    return astro.ut_from_tt(jde)


def _month_around_sankranti(year: int, rashi: int) -> tuple[int, int]:
    """Lunation indices (new moon k, next new moon) of the amanta month containing a sankranti."""
    sankranti_jde = astro.tt_from_ut(sankranti_jd(year, rashi))
    k_end = astro.new_moon_k_after(sankranti_jde)
    return k_end - 1, k_end


def _purnima(year: int, rashi: int) -> tuple[float, float]:
    """Start and end (UT) of the full-moon tithi of the month in which the Sun enters ``rashi``."""
    k_start, _ = _month_around_sankranti(year, rashi)
    full_moon = astro.moon_phase_jde(k_start + 0.5)
    start = astro.elongation_jde(PURNIMA_START, full_moon - 1.0)
    return astro.ut_from_tt(start), astro.ut_from_tt(full_moon)


def _amavasya(year: int, rashi: int) -> tuple[float, float]:
    """Start and end (UT) of the new-moon tithi closing the month in which the Sun enters ``rashi``."""
    _, k_end = _month_around_sankranti(year, rashi)
    new_moon = astro.moon_phase_jde(k_end)
    start = astro.elongation_jde(AMAVASYA_START, new_moon - 1.0)
    return astro.ut_from_tt(start), astro.ut_from_tt(new_moon)


def udaya_day(start: float, end: float) -> date:
    """Civil day whose sunrise falls inside the tithi [start, end); the start day if none does."""
    day = _ist_date(start)
    for candidate in (day, day + timedelta(days=1)):
        if start <= _sunrise(candidate) < end:
            return candidate
    return day


def _overlap(a_start: float, a_end: float, b_start: float, b_end: float) -> float:
    return max(0.0, min(a_end, b_end) - max(a_start, b_start))


def _pradosh(day: date) -> tuple[float, float]:
    """Pradosh kaal: the first fifth of the night (three of fifteen muhurtas)."""
    start = _sunset(day)
    night = _sunrise(day + timedelta(days=1)) - start
    return start, start + night / 5.0


def vaisakhi(year: int) -> date:
    moment = sankranti_jd(year, MESHA)
    day = _ist_date(moment)
    return day if moment >= _sunrise(day) else day - timedelta(days=1)


def buddha_purnima(year: int) -> date:
    return udaya_day(*_purnima(year, VRISHABHA))


def guru_nanak_gurpurab(year: int) -> date:
    return udaya_day(*_purnima(year, VRISHCHIKA))


def diwali(year: int) -> date:
    start, end = _amavasya(year, TULA)
    first = _ist_date(start) - timedelta(days=1)
    candidates = [first + timedelta(days=offset) for offset in range(3)]
    return max(candidates, key=lambda day: (_overlap(start, end, *_pradosh(day)), -day.toordinal()))


def holi(year: int) -> date:
    """Dhulandi, the day after Holika Dahan."""
    return holika_dahan(year) + timedelta(days=1)


def holika_dahan(year: int) -> date:
    start, end = _purnima(year, MEENA)
    bhadra_end = (start + end) / 2.0
    evening = _ist_date(start)
    if end > _sunset(evening + timedelta(days=1)):
        # Full moon at the next evening too: that pradosh is free of Bhadra.
        return evening + timedelta(days=1)
    midnight = (_sunset(evening) + _sunrise(evening + timedelta(days=1))) / 2.0
    if bhadra_end <= midnight:
        return evening
    if _second_day_preferred(evening + timedelta(days=1), end):
        return evening + timedelta(days=1)
    return evening


def _second_day_preferred(day: date, end: float) -> bool:
    """Dharmasindhu: the full moon still lasts three and a half prahar (of four) after sunrise."""
    sunrise = _sunrise(day)
    prahar = (_sunset(day) - sunrise) / 4.0
    return end - sunrise >= 3.5 * prahar
