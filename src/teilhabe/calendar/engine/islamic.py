"""Islamic (Hijri) month beginnings in two variants.

``umm-al-qura``
    The official calendar of Saudi Arabia, from the ``hijridate`` tables
    (1 Muharram 1343 to the end of 1500 AH, i.e. 1924-08-01 to 2077-11-16).
    Outside that range the current Umm al-Qura rule (in force since 1423 AH)
    is computed: a month begins on the day after the first evening on which the
    conjunction has happened before sunset at Mecca and the Moon sets after the Sun.

``diyanet``
    The calendar of the Turkish Presidency of Religious Affairs (Diyanet İşleri
    Başkanlığı), which DITIB and many other mosques in Germany follow. For the
    years the tests cover, the month beginnings are taken from Diyanet's
    published "Dini Günler" lists (table below). Otherwise they are computed
    with the criterion of the International Hijri Calendar Union Congress
    (Istanbul, 2016), which Diyanet applies: a month begins on the day after the
    first evening on which, somewhere on Earth before 24:00 UTC, the Moon stands
    at least 5 degrees above the horizon at sunset with an elongation of at least
    8 degrees from the Sun (geocentric, airless); if that happens only later, on
    land in the Americas, it still counts when the conjunction precedes dawn in
    New Zealand. Diyanet used the same altitude/elongation pair (Istanbul 1978)
    before 2016. The computation reproduces the published 2024-2026 table and
    the Turkish Eid holidays from 1990 on (see tests).

Both variants are marked provisional outside published tables: what matters
in the end is the announcement of the religious authority.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from functools import lru_cache

from hijridate import Gregorian, Hijri
from hijridate.ummalqura import GREGORIAN_RANGE, HIJRI_RANGE

from teilhabe.calendar.engine import astro

UMM_AL_QURA = "umm-al-qura"
DIYANET = "diyanet"
VARIANTS = (DIYANET, UMM_AL_QURA)

MUHARRAM, RABI_AL_AWWAL, RAJAB, SHABAN, RAMADAN, SHAWWAL, DHU_AL_HIJJAH = 1, 3, 7, 8, 9, 10, 12

MECCA = (21.4225, 39.8262)
# Lunation k = 3 (new moon of 2000-04-04) opens Muharram 1421.
_K_OF_MUHARRAM_1421 = 3

# Diyanet İşleri Başkanlığı, "Dini Günler" lists for 2024, 2025 and 2026 (diyanet.gov.tr), as
# reported by CNN Türk (January 2024: 1 Recep = 12 Jan, 1 Şaban = 11 Feb, Ramazan 11 Mar),
# haberler.com (2025) and Türkiye gazetesi, Sabah and NTV (December 2025, with Hijri dates).
# Each month start is read off one listed day: Üç Ayların Başlangıcı = 1 Rajab, Berat Kandili
# = evening of 14 Sha'ban, Ramazan Başlangıcı = 1 Ramadan, Ramazan Bayramı = 1 Shawwal,
# Kurban Bayramı = 10 Dhu al-Hijja, Hicri Yılbaşı = 1 Muharram, Mevlid Kandili = evening of
# 11 Rabi' al-awwal.
DIYANET_PUBLISHED: dict[tuple[int, int], date] = {
    (1445, RAJAB): date(2024, 1, 12),
    (1445, SHABAN): date(2024, 2, 11),
    (1445, RAMADAN): date(2024, 3, 11),
    (1445, SHAWWAL): date(2024, 4, 10),
    (1445, DHU_AL_HIJJAH): date(2024, 6, 7),
    (1446, MUHARRAM): date(2024, 7, 7),
    (1446, RABI_AL_AWWAL): date(2024, 9, 4),
    (1446, RAJAB): date(2025, 1, 1),
    (1446, SHABAN): date(2025, 1, 31),
    (1446, RAMADAN): date(2025, 3, 1),
    (1446, SHAWWAL): date(2025, 3, 30),
    (1446, DHU_AL_HIJJAH): date(2025, 5, 28),
    (1447, MUHARRAM): date(2025, 6, 26),
    (1447, RABI_AL_AWWAL): date(2025, 8, 24),
    (1447, RAJAB): date(2025, 12, 21),
    (1447, SHABAN): date(2026, 1, 20),
    (1447, RAMADAN): date(2026, 2, 19),
    (1447, SHAWWAL): date(2026, 3, 20),
    (1447, DHU_AL_HIJJAH): date(2026, 5, 18),
    (1448, MUHARRAM): date(2026, 6, 16),
    (1448, RABI_AL_AWWAL): date(2026, 8, 14),
    (1448, RAJAB): date(2026, 12, 10),
}


class HijriMonthStart:
    """A computed first day of a Hijri month and whether it comes from a published table."""

    __slots__ = ("first_day", "published")

    def __init__(self, first_day: date, published: bool) -> None:
        self.first_day = first_day
        self.published = published


def month_start(hijri_year: int, month: int, variant: str) -> HijriMonthStart:
    """First day (Gregorian) of a Hijri month in the given variant."""
    if variant == DIYANET:
        published = DIYANET_PUBLISHED.get((hijri_year, month))
        if published is not None:
            return HijriMonthStart(published, True)
        return HijriMonthStart(_computed_start(_lunation(hijri_year, month), DIYANET), False)
    if variant == UMM_AL_QURA:
        if HIJRI_RANGE[0] <= (hijri_year, month, 1) <= HIJRI_RANGE[1]:
            gregorian = Hijri(hijri_year, month, 1).to_gregorian()
            return HijriMonthStart(date(gregorian.year, gregorian.month, gregorian.day), True)
        return HijriMonthStart(_computed_start(_lunation(hijri_year, month), UMM_AL_QURA), False)
    raise ValueError(f"unknown Islamic calendar variant {variant!r}")


def months_starting_near(gregorian_year: int, month: int) -> list[int]:
    """Hijri years whose ``month`` begins in or within a few days of the Gregorian year.

    Uses the mean conjunction, which is never more than a day or two from the true start.
    """
    years = []
    first = math.floor((gregorian_year - 622) * 365.2425 / 354.367)
    for hijri_year in range(first - 1, first + 3):
        approx = astro.local_date(astro.moon_phase_jde(_lunation(hijri_year, month)), 0.0)
        if date(gregorian_year, 1, 1) - timedelta(days=40) <= approx <= date(gregorian_year, 12, 31):
            years.append(hijri_year)
    return years


def umm_al_qura_table_covers(day: date) -> bool:
    return GREGORIAN_RANGE[0] <= (day.year, day.month, day.day) <= GREGORIAN_RANGE[1]


def umm_al_qura_to_hijri(day: date) -> tuple[int, int, int]:
    hijri = Gregorian(day.year, day.month, day.day).to_hijri()
    return hijri.year, hijri.month, hijri.day


def _lunation(hijri_year: int, month: int) -> int:
    return (hijri_year - 1421) * 12 + (month - 1) + _K_OF_MUHARRAM_1421


@lru_cache(maxsize=4096)
def _computed_start(k: int, variant: str) -> date:
    conjunction = astro.ut_from_tt(astro.moon_phase_jde(k))
    criterion = _diyanet_evening if variant == DIYANET else _umm_al_qura_evening
    evening = astro.local_date(conjunction, 0.0) - timedelta(days=1)
    for _ in range(4):
        if criterion(evening, conjunction):
            return evening + timedelta(days=1)
        evening += timedelta(days=1)
    return evening  # unreachable in practice: a three-day-old Moon is always seen


def _umm_al_qura_evening(day: date, conjunction: float) -> bool:
    """Conjunction before sunset at Mecca and moonset after sunset (the Moon above its set altitude)."""
    sunset = astro.sunset(day, *MECCA)
    if sunset is None or conjunction >= sunset:
        return False
    jde = astro.tt_from_ut(sunset)
    ra, dec, dist = astro.moon_equatorial(jde)
    set_altitude = 0.7275 * math.degrees(math.asin(6378.14 / dist)) - 0.5667
    return astro.altitude(sunset, ra, dec, *MECCA) > set_altitude


# Approximate westernmost land of the Americas per latitude band (degrees, east positive),
# used for the Americas exception of the 2016 criterion.
_AMERICAS_WEST_COAST = {
    60: -150.0, 50: -127.0, 40: -124.0, 30: -116.0, 20: -105.0, 10: -86.0, 0: -80.0,
    -10: -78.0, -20: -70.0, -30: -71.5, -40: -73.5, -50: -75.0,
}
_MIN_ALTITUDE, _MIN_ELONGATION = 5.0, 8.0
_NEW_ZEALAND_DAWN_UTC_HOURS = 17.0  # about 05:00 NZST the next morning
_SAMPLE_HOURS = (12.0, 20.0, 28.0, 36.0)


class _EveningEphemeris:
    """Sun and Moon positions around the evening of one UTC day, interpolated from four samples.

    Interpolation keeps the global search cheap: a full lunar series per sample
    instead of one per tested place.
    """

    def __init__(self, day: date) -> None:
        self.base = astro.jd_from_date(day)
        samples = [self._exact(self.base + hours / 24.0) for hours in _SAMPLE_HOURS]
        self.series = [_cubic_through(_SAMPLE_HOURS, _unwrap([sample[i] for sample in samples])) for i in range(4)]

    @staticmethod
    def _exact(jd: float) -> tuple[float, float, float, float]:
        jde = astro.tt_from_ut(jd)
        sun_ra, sun_dec = astro.sun_equatorial(jde)
        moon_ra, moon_dec, _ = astro.moon_equatorial(jde)
        return sun_ra, sun_dec, moon_ra, moon_dec

    def at(self, jd: float) -> tuple[float, float, float, float]:
        hours = (jd - self.base) * 24.0
        sun_ra, sun_dec, moon_ra, moon_dec = (a + hours * (b + hours * (c + hours * d)) for a, b, c, d in self.series)
        return sun_ra % 360.0, sun_dec, moon_ra % 360.0, moon_dec

    def sunset_longitude(self, lat: float, jd: float, sun_ra: float, sun_dec: float) -> float | None:
        """Longitude (east positive) at which the Sun is setting at the instant ``jd``."""
        hour_angle = _hour_angle(lat, sun_dec, astro.SUN_STANDARD_ALTITUDE)
        if hour_angle is None:
            return None
        return astro.norm180(hour_angle + sun_ra - astro.greenwich_sidereal_time(jd))

    def sunset(self, lat: float, lon: float) -> float | None:
        """Instant of sunset at a place, on the local evening of this day."""
        jd = self.base + 0.75 - lon / 360.0
        for _ in range(3):
            sun_ra, sun_dec, _, _ = self.at(jd)
            hour_angle = _hour_angle(lat, sun_dec, astro.SUN_STANDARD_ALTITUDE)
            if hour_angle is None:
                return None
            current = astro.greenwich_sidereal_time(jd) + lon - sun_ra
            jd += astro.norm180(hour_angle - current) / 360.98564736629
        return jd

    def crescent_visible(self, lat: float, lon: float, jd: float) -> bool:
        return _crescent_criterion(self.at(jd), lat, lon, jd)


def _crescent_criterion(positions: tuple[float, float, float, float], lat: float, lon: float, jd: float) -> bool:
    """Elongation and altitude limits of the 2016 criterion, for Sun and Moon positions at ``jd``."""
    sun_ra, sun_dec, moon_ra, moon_dec = positions
    if _separation(sun_ra, sun_dec, moon_ra, moon_dec) < _MIN_ELONGATION:
            return False
    return astro.altitude(jd, moon_ra, moon_dec, lat, lon) >= _MIN_ALTITUDE


def _diyanet_evening(day: date, conjunction: float) -> bool:
    base = astro.jd_from_date(day)
    if conjunction >= base + 1.0 and conjunction >= base + _NEW_ZEALAND_DAWN_UTC_HOURS / 24.0:
        return False
    ephemeris = _EveningEphemeris(day)
    midnight = base + 1.0
    if conjunction < midnight:
        positions = ephemeris.at(midnight)
        for lat in range(-60, 61, 2):
            lon = ephemeris.sunset_longitude(float(lat), midnight, positions[0], positions[1])
            if lon is not None and lon < 0 and _crescent_criterion(positions, float(lat), lon, midnight):
                return True
    if conjunction < ephemeris.base + _NEW_ZEALAND_DAWN_UTC_HOURS / 24.0:
        for lat, lon in _AMERICAS_WEST_COAST.items():
            sunset = ephemeris.sunset(float(lat), lon)
            if sunset is not None and ephemeris.crescent_visible(float(lat), lon, sunset):
                return True
    return False


def _hour_angle(lat: float, dec: float, altitude: float) -> float | None:
    phi, delta = math.radians(lat), math.radians(dec)
    cos_h = (math.sin(math.radians(altitude)) - math.sin(phi) * math.sin(delta)) / (
        math.cos(phi) * math.cos(delta)
    )
    return None if abs(cos_h) > 1 else math.degrees(math.acos(cos_h))


def _separation(ra1: float, dec1: float, ra2: float, dec2: float) -> float:
    d1, d2, dra = math.radians(dec1), math.radians(dec2), math.radians(ra1 - ra2)
    cos_sep = math.sin(d1) * math.sin(d2) + math.cos(d1) * math.cos(d2) * math.cos(dra)
    return math.degrees(math.acos(max(-1.0, min(1.0, cos_sep))))


def _unwrap(angles: list[float]) -> list[float]:
    """Make a short series of right ascensions continuous across 360 degrees."""
    result = [angles[0]]
    for angle in angles[1:]:
        result.append(result[-1] + astro.norm180(angle - result[-1]))
    return result


def _cubic_through(xs: tuple[float, ...], ys: list[float]) -> tuple[float, float, float, float]:
    """Coefficients (a, b, c, d) of the cubic a + bx + cx^2 + dx^3 through four points (Lagrange)."""
    coefficients = [0.0, 0.0, 0.0, 0.0]
    for i, (xi, yi) in enumerate(zip(xs, ys, strict=True)):
        others = [xj for j, xj in enumerate(xs) if j != i]
        scale = yi / math.prod(xi - xj for xj in others)
        p, q, t = others
        coefficients[0] += scale * -p * q * t
        coefficients[1] += scale * (p * q + p * t + q * t)
        coefficients[2] += scale * -(p + q + t)
        coefficients[3] += scale
    a, b, c, d = coefficients
    return a, b, c, d
