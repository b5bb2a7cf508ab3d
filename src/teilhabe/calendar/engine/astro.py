"""Compact positional astronomy for calendar rules.

Algorithms follow Jean Meeus, *Astronomical Algorithms* (2nd ed., 1998):
the Sun from a truncated VSOP87 series (ch. 25 and appendix III, about 1"),
the Moon from the ELP-2000/82 main terms (ch. 47, about 10"),
mean lunar phases with periodic corrections (ch. 49, about a minute),
nutation (ch. 22, main terms), and rising/setting (ch. 15).
Delta T uses the polynomials of Espenak and Meeus (NASA, 2006), with IERS values for 2005-2025.

Times are Julian days: ``jd`` is Universal Time, ``jde`` Terrestrial Time.
Angles are degrees unless a name says otherwise. The precision is ample for
deciding on which civil day an event falls, which is all the calendar needs.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

J2000 = 2451545.0
DAYS_PER_CENTURY = 36525.0
SYNODIC_MONTH = 29.530588861
TROPICAL_YEAR = 365.242189
_RAD = math.pi / 180.0
_UNIX_EPOCH_JD = 2440587.5


# --- time ---------------------------------------------------------------------------------------


def jd_from_date(day: date) -> float:
    """Julian day (UT) of 00:00 UT on ``day``."""
    return _UNIX_EPOCH_JD + (day - date(1970, 1, 1)).days


def datetime_from_jd(jd: float) -> datetime:
    """UTC datetime (aware) of a Julian day (UT)."""
    return datetime(1970, 1, 1, tzinfo=UTC) + timedelta(days=jd - _UNIX_EPOCH_JD)


def local_date(jd: float, utc_offset_hours: float) -> date:
    """Civil date of an instant in a zone with a fixed UTC offset."""
    return date(1970, 1, 1) + timedelta(days=math.floor(jd - _UNIX_EPOCH_JD + utc_offset_hours / 24.0))


def delta_t_seconds(year: float) -> float:
    """TT - UT in seconds (Espenak & Meeus polynomials, valid 1900-2150)."""
    if year < 1920:
        t = year - 1900
        return -2.79 + 1.494119 * t - 0.0598939 * t**2 + 0.0061966 * t**3 - 0.000197 * t**4
    if year < 1941:
        t = year - 1920
        return 21.20 + 0.84493 * t - 0.076100 * t**2 + 0.0020936 * t**3
    if year < 1961:
        t = year - 1950
        return 29.07 + 0.407 * t - t**2 / 233 + t**3 / 2547
    if year < 1986:
        t = year - 1975
        return 45.45 + 1.067 * t - t**2 / 260 - t**3 / 718
    if year < 2005:
        t = year - 2000
        return (
            63.86
            + 0.3345 * t
            - 0.060374 * t**2
            + 0.0017275 * t**3
            + 0.000651814 * t**4
            + 0.00002373599 * t**5
        )
    if year < 2025:
        return _interpolate(_OBSERVED_DELTA_T, year)
    if year < 2050:
        # Linear bridge from the last observed value to the long-term parabola.
        return _OBSERVED_DELTA_T[-1][1] + (_delta_t_2050 - _OBSERVED_DELTA_T[-1][1]) * (year - 2025) / 25
    return -20 + 32 * ((year - 1820) / 100) ** 2 - 0.5628 * (2150 - year)


# IERS observed TT - UT1 (seconds); the Earth's rotation sped up after 2016, so the
# Espenak-Meeus prediction for 2005-2050 runs several seconds high.
_OBSERVED_DELTA_T = ((2005.0, 64.69), (2010.0, 66.07), (2015.0, 67.64), (2020.0, 69.36), (2025.0, 69.20))
_delta_t_2050 = -20 + 32 * ((2050 - 1820) / 100) ** 2 - 0.5628 * (2150 - 2050)


def _interpolate(table: tuple[tuple[float, float], ...], x: float) -> float:
    for (x0, y0), (x1, y1) in itertools.pairwise(table):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return table[-1][1]


def _year_of_jd(jd: float) -> float:
    return 2000.0 + (jd - J2000) / 365.25


def tt_from_ut(jd: float) -> float:
    return jd + delta_t_seconds(_year_of_jd(jd)) / 86400.0


def ut_from_tt(jde: float) -> float:
    return jde - delta_t_seconds(_year_of_jd(jde)) / 86400.0


def _centuries(jde: float) -> float:
    return (jde - J2000) / DAYS_PER_CENTURY


def norm360(angle: float) -> float:
    return angle % 360.0


def norm180(angle: float) -> float:
    """Angle folded into [-180, 180)."""
    return (angle + 180.0) % 360.0 - 180.0


# --- nutation and obliquity ---------------------------------------------------------------------


def nutation(jde: float) -> tuple[float, float]:
    """Nutation in longitude and obliquity (degrees), main terms (about 0.5")."""
    t = _centuries(jde)
    omega = (125.04452 - 1934.136261 * t) * _RAD
    sun = (280.4665 + 36000.7698 * t) * _RAD
    moon = (218.3165 + 481267.8813 * t) * _RAD
    dpsi = -17.20 * math.sin(omega) - 1.32 * math.sin(2 * sun) - 0.23 * math.sin(2 * moon)
    dpsi += 0.21 * math.sin(2 * omega)
    deps = 9.20 * math.cos(omega) + 0.57 * math.cos(2 * sun) + 0.10 * math.cos(2 * moon)
    deps -= 0.09 * math.cos(2 * omega)
    return dpsi / 3600.0, deps / 3600.0


def true_obliquity(jde: float) -> float:
    t = _centuries(jde)
    u = t / 100.0
    seconds = (
        84381.448
        - 4680.93 * u
        - 1.55 * u**2
        + 1999.25 * u**3
        - 51.38 * u**4
        - 249.67 * u**5
        - 39.05 * u**6
        + 7.12 * u**7
        + 27.87 * u**8
        + 5.79 * u**9
        + 2.45 * u**10
    )
    return seconds / 3600.0 + nutation(jde)[1]


# --- the Sun (VSOP87 truncated as in Meeus, appendix III) ---------------------------------------

_EARTH_L = (
    (
        (175347046, 0, 0),
        (3341656, 4.6692568, 6283.07585),
        (34894, 4.6261, 12566.1517),
        (3497, 2.7441, 5753.3849),
        (3418, 2.8289, 3.5231),
        (3136, 3.6277, 77713.7715),
        (2676, 4.4181, 7860.4194),
        (2343, 6.1352, 3930.2097),
        (1324, 0.7425, 11506.7698),
        (1273, 2.0371, 529.6910),
        (1199, 1.1096, 1577.3435),
        (990, 5.233, 5884.927),
        (902, 2.045, 26.298),
        (857, 3.508, 398.149),
        (780, 1.179, 5223.694),
        (753, 2.533, 5507.553),
        (505, 4.583, 18849.228),
        (492, 4.205, 775.523),
        (357, 2.920, 0.067),
        (317, 5.849, 11790.629),
        (284, 1.899, 796.298),
        (271, 0.315, 10977.079),
        (243, 0.345, 5486.778),
        (206, 4.806, 2544.314),
        (205, 1.869, 5573.143),
        (202, 2.458, 6069.777),
        (156, 0.833, 213.299),
        (132, 3.411, 2942.463),
        (126, 1.083, 20.775),
        (115, 0.645, 0.980),
        (103, 0.636, 4694.003),
        (102, 0.976, 15720.839),
        (102, 4.267, 7.114),
        (99, 6.21, 2146.17),
        (98, 0.68, 155.42),
        (86, 5.98, 161000.69),
        (85, 1.30, 6275.96),
        (85, 3.67, 71430.70),
        (80, 1.81, 17260.15),
        (79, 3.04, 12036.46),
        (75, 1.76, 5088.63),
        (74, 3.50, 3154.69),
        (74, 4.68, 801.82),
        (70, 0.83, 9437.76),
        (62, 3.98, 8827.39),
        (61, 1.82, 7084.90),
        (57, 2.78, 6286.60),
        (56, 4.39, 14143.50),
        (56, 3.47, 6279.55),
        (52, 0.19, 12139.55),
        (52, 1.33, 1748.02),
        (51, 0.28, 5856.48),
        (49, 0.49, 1194.45),
        (41, 5.37, 8429.24),
        (41, 2.40, 19651.05),
        (39, 6.17, 10447.39),
        (37, 6.04, 10213.29),
        (37, 2.57, 1059.38),
        (36, 1.71, 2352.87),
        (36, 1.78, 6812.77),
        (33, 0.59, 17789.85),
        (30, 0.44, 83996.85),
        (30, 2.74, 1349.87),
        (25, 3.16, 4690.48),
    ),
    (
        (628331966747, 0, 0),
        (206059, 2.678235, 6283.07585),
        (4303, 2.6351, 12566.1517),
        (425, 1.590, 3.523),
        (119, 5.796, 26.298),
        (109, 2.966, 1577.344),
        (93, 2.59, 18849.23),
        (72, 1.14, 529.69),
        (68, 1.87, 398.15),
        (67, 4.41, 5507.55),
        (59, 2.89, 5223.69),
        (56, 2.17, 155.42),
        (45, 0.40, 796.30),
        (36, 0.47, 775.52),
        (29, 2.65, 7.11),
        (21, 5.34, 0.98),
        (19, 1.85, 5486.78),
        (19, 4.97, 213.30),
        (17, 2.99, 6275.96),
        (16, 0.03, 2544.31),
        (16, 1.43, 2146.17),
        (15, 1.21, 10977.08),
        (12, 2.83, 1748.02),
        (12, 3.26, 5088.63),
        (12, 5.27, 1194.45),
        (12, 2.08, 4694.00),
        (11, 0.77, 553.57),
        (10, 1.30, 6286.60),
        (10, 4.24, 1349.87),
        (9, 2.70, 242.73),
        (9, 5.64, 951.72),
        (8, 5.30, 2352.87),
        (6, 2.65, 9437.76),
        (6, 4.67, 4690.48),
    ),
    (
        (52919, 0, 0),
        (8720, 1.0721, 6283.0758),
        (309, 0.867, 12566.152),
        (27, 0.05, 3.52),
        (16, 5.19, 26.30),
        (16, 3.68, 155.42),
        (10, 0.76, 18849.23),
        (9, 2.06, 77713.77),
        (7, 0.83, 775.52),
        (5, 4.66, 1577.34),
        (4, 1.03, 7.11),
        (4, 3.44, 5573.14),
        (3, 5.14, 796.30),
        (3, 6.05, 5507.55),
        (3, 1.19, 242.73),
        (3, 6.12, 529.69),
        (3, 0.31, 398.15),
        (3, 2.28, 553.57),
        (2, 4.38, 5223.69),
        (2, 3.75, 0.98),
    ),
    (
        (289, 5.844, 6283.076),
        (35, 0, 0),
        (17, 5.49, 12566.15),
        (3, 5.20, 155.42),
        (1, 4.72, 3.52),
        (1, 5.30, 18849.23),
        (1, 5.97, 242.73),
    ),
    ((114, 3.142, 0), (8, 4.13, 6283.08), (1, 3.84, 12566.15)),
    ((1, 3.14, 0),),
)

_EARTH_R = (
    (
        (100013989, 0, 0),
        (1670700, 3.0984635, 6283.07585),
        (13956, 3.05525, 12566.1517),
        (3084, 5.1985, 77713.7715),
        (1628, 1.1739, 5753.3849),
        (1576, 2.8469, 7860.4194),
        (925, 5.453, 11506.770),
        (542, 4.564, 3930.210),
        (472, 3.661, 5884.927),
        (346, 0.964, 5507.553),
        (329, 5.900, 5223.694),
        (307, 0.299, 5573.143),
        (243, 4.273, 11790.629),
        (212, 5.847, 1577.344),
        (186, 5.022, 10977.079),
        (175, 3.012, 18849.228),
        (110, 5.055, 5486.778),
        (98, 0.89, 6069.78),
        (86, 5.69, 15720.84),
        (86, 1.27, 161000.69),
        (65, 0.27, 17260.15),
        (63, 0.92, 529.69),
        (57, 2.01, 83996.85),
        (56, 5.24, 71430.70),
        (49, 3.25, 2544.31),
        (47, 2.58, 775.52),
        (45, 5.54, 9437.76),
        (43, 6.01, 6275.96),
        (39, 5.36, 4694.00),
        (38, 2.39, 8827.39),
        (37, 0.83, 19651.05),
        (37, 4.90, 12139.55),
        (36, 1.67, 12036.46),
        (35, 1.84, 2942.46),
        (33, 0.24, 7084.90),
        (32, 0.18, 5088.63),
        (32, 1.78, 398.15),
        (28, 1.21, 6286.60),
        (28, 1.90, 6279.55),
        (26, 4.59, 10447.39),
    ),
    (
        (103019, 1.107490, 6283.075850),
        (1721, 1.0644, 12566.1517),
        (702, 3.142, 0),
        (32, 1.02, 18849.23),
        (31, 2.84, 5507.55),
        (25, 1.32, 5223.69),
        (18, 1.42, 1577.34),
        (10, 5.91, 10977.08),
        (9, 1.42, 6275.96),
        (9, 0.27, 5486.78),
    ),
    (
        (4359, 5.7846, 6283.0758),
        (124, 5.579, 12566.152),
        (12, 3.14, 0),
        (9, 3.63, 77713.77),
        (6, 1.87, 5573.14),
        (3, 5.47, 18849.23),
    ),
    ((145, 4.273, 6283.076), (7, 3.92, 12566.15)),
    ((4, 2.56, 6283.08),),
)


def _vsop(series: tuple[tuple[tuple[float, float, float], ...], ...], tau: float) -> float:
    total = 0.0
    for power, terms in enumerate(series):
        total += sum(a * math.cos(b + c * tau) for a, b, c in terms) * tau**power
    return total / 1e8


@lru_cache(maxsize=4096)
def sun_apparent_longitude(jde: float) -> float:
    """Apparent geocentric ecliptic longitude of the Sun (true equinox of date)."""
    tau = (jde - J2000) / 365250.0
    earth_longitude = _vsop(_EARTH_L, tau) / _RAD
    radius = _vsop(_EARTH_R, tau)
    fk5 = -0.09033 / 3600.0
    aberration = -20.4898 / 3600.0 / radius
    return norm360(earth_longitude + 180.0 + fk5 + nutation(jde)[0] + aberration)


def sun_equatorial(jde: float) -> tuple[float, float]:
    """Apparent right ascension and declination of the Sun."""
    return ecliptic_to_equatorial(sun_apparent_longitude(jde), 0.0, true_obliquity(jde))


def ecliptic_to_equatorial(lon: float, lat: float, obliquity: float) -> tuple[float, float]:
    lam, beta, eps = lon * _RAD, lat * _RAD, obliquity * _RAD
    ra = math.atan2(math.sin(lam) * math.cos(eps) - math.tan(beta) * math.sin(eps), math.cos(lam))
    dec = math.asin(math.sin(beta) * math.cos(eps) + math.cos(beta) * math.sin(eps) * math.sin(lam))
    return norm360(ra / _RAD), dec / _RAD


# --- the Moon (Meeus ch. 47, tables 47.A and 47.B) ----------------------------------------------

# (D, M, M', F, sum_l [1e-6 deg], sum_r [1e-3 km])
_MOON_LR = (
    (0, 0, 1, 0, 6288774, -20905355),
    (2, 0, -1, 0, 1274027, -3699111),
    (2, 0, 0, 0, 658314, -2955968),
    (0, 0, 2, 0, 213618, -569925),
    (0, 1, 0, 0, -185116, 48888),
    (0, 0, 0, 2, -114332, -3149),
    (2, 0, -2, 0, 58793, 246158),
    (2, -1, -1, 0, 57066, -152138),
    (2, 0, 1, 0, 53322, -170733),
    (2, -1, 0, 0, 45758, -204586),
    (0, 1, -1, 0, -40923, -129620),
    (1, 0, 0, 0, -34720, 108743),
    (0, 1, 1, 0, -30383, 104755),
    (2, 0, 0, -2, 15327, 10321),
    (0, 0, 1, 2, -12528, 0),
    (0, 0, 1, -2, 10980, 79661),
    (4, 0, -1, 0, 10675, -34782),
    (0, 0, 3, 0, 10034, -23210),
    (4, 0, -2, 0, 8548, -21636),
    (2, 1, -1, 0, -7888, 24208),
    (2, 1, 0, 0, -6766, 30824),
    (1, 0, -1, 0, -5163, -8379),
    (1, 1, 0, 0, 4987, -16675),
    (2, -1, 1, 0, 4036, -12831),
    (2, 0, 2, 0, 3994, -10445),
    (4, 0, 0, 0, 3861, -11650),
    (2, 0, -3, 0, 3665, 14403),
    (0, 1, -2, 0, -2689, -7003),
    (2, 0, -1, 2, -2602, 0),
    (2, -1, -2, 0, 2390, 10056),
    (1, 0, 1, 0, -2348, 6322),
    (2, -2, 0, 0, 2236, -9884),
    (0, 1, 2, 0, -2120, 5751),
    (0, 2, 0, 0, -2069, 0),
    (2, -2, -1, 0, 2048, -4950),
    (2, 0, 1, -2, -1773, 4130),
    (2, 0, 0, 2, -1595, 0),
    (4, -1, -1, 0, 1215, -3958),
    (0, 0, 2, 2, -1110, 0),
    (3, 0, -1, 0, -892, 3258),
    (2, 1, 1, 0, -810, 2616),
    (4, -1, -2, 0, 759, -1897),
    (0, 2, -1, 0, -713, -2117),
    (2, 2, -1, 0, -700, 2354),
    (2, 1, -2, 0, 691, 0),
    (2, -1, 0, -2, 596, 0),
    (4, 0, 1, 0, 549, -1423),
    (0, 0, 4, 0, 537, -1117),
    (4, -1, 0, 0, 520, -1571),
    (1, 0, -2, 0, -487, -1739),
    (2, 1, 0, -2, -399, 0),
    (0, 0, 2, -2, -381, -4421),
    (1, 1, 1, 0, 351, 0),
    (3, 0, -2, 0, -340, 0),
    (4, 0, -3, 0, 330, 0),
    (2, -1, 2, 0, 327, 0),
    (0, 2, 1, 0, -323, 1165),
    (1, 1, -1, 0, 299, 0),
    (2, 0, 3, 0, 294, 0),
    (2, 0, -1, -2, 0, 8752),
)

# (D, M, M', F, sum_b [1e-6 deg])
_MOON_B = (
    (0, 0, 0, 1, 5128122),
    (0, 0, 1, 1, 280602),
    (0, 0, 1, -1, 277693),
    (2, 0, 0, -1, 173237),
    (2, 0, -1, 1, 55413),
    (2, 0, -1, -1, 46271),
    (2, 0, 0, 1, 32573),
    (0, 0, 2, 1, 17198),
    (2, 0, 1, -1, 9266),
    (0, 0, 2, -1, 8822),
    (2, -1, 0, -1, 8216),
    (2, 0, -2, -1, 4324),
    (2, 0, 1, 1, 4200),
    (2, 1, 0, -1, -3359),
    (2, -1, -1, 1, 2463),
    (2, -1, 0, 1, 2211),
    (2, -1, -1, -1, 2065),
    (0, 1, -1, -1, -1870),
    (4, 0, -1, -1, 1828),
    (0, 1, 0, 1, -1794),
    (0, 0, 0, 3, -1749),
    (0, 1, -1, 1, -1565),
    (1, 0, 0, 1, -1491),
    (0, 1, 1, 1, -1475),
    (0, 1, 1, -1, -1410),
    (0, 1, 0, -1, -1344),
    (1, 0, 0, -1, -1335),
    (0, 0, 3, 1, 1107),
    (4, 0, 0, -1, 1021),
    (4, 0, -1, 1, 833),
    (0, 0, 1, -3, 777),
    (4, 0, -2, 1, 671),
    (2, 0, 0, -3, 607),
    (2, 0, 2, -1, 596),
    (2, -1, 1, -1, 491),
    (2, 0, -2, 1, -451),
    (0, 0, 3, -1, 439),
    (2, 0, 2, 1, 422),
    (2, 0, -3, -1, 421),
    (2, 1, -1, 1, -366),
    (2, 1, 0, 1, -351),
    (4, 0, 0, 1, 331),
    (2, -1, 1, 1, 315),
    (2, -2, 0, -1, 302),
    (0, 0, 1, 3, -283),
    (2, 1, 1, -1, -229),
    (1, 1, 0, -1, 223),
    (1, 1, 0, 1, 223),
    (0, 1, -2, -1, -220),
    (2, 1, -1, -1, -220),
    (1, 0, 1, 1, -185),
    (2, -1, -2, -1, 181),
    (0, 1, 2, 1, -177),
    (4, 0, -2, -1, 176),
    (4, -1, -1, -1, 166),
    (1, 0, 1, -1, -164),
    (4, 0, 1, -1, 132),
    (1, 0, -1, -1, -119),
    (4, -1, 0, -1, 115),
    (2, -2, 0, 1, 107),
)


@lru_cache(maxsize=8192)
def moon_position(jde: float) -> tuple[float, float, float]:
    """Apparent geocentric longitude, latitude (degrees) and distance (km) of the Moon."""
    t = _centuries(jde)
    lp = 218.3164477 + 481267.88123421 * t - 0.0015786 * t**2 + t**3 / 538841 - t**4 / 65194000
    d = 297.8501921 + 445267.1114034 * t - 0.0018819 * t**2 + t**3 / 545868 - t**4 / 113065000
    m = 357.5291092 + 35999.0502909 * t - 0.0001536 * t**2 + t**3 / 24490000
    mp = 134.9633964 + 477198.8675055 * t + 0.0087414 * t**2 + t**3 / 69699 - t**4 / 14712000
    f = 93.2720950 + 483202.0175233 * t - 0.0036539 * t**2 - t**3 / 3526000 + t**4 / 863310000
    a1 = (119.75 + 131.849 * t) * _RAD
    a2 = (53.09 + 479264.290 * t) * _RAD
    a3 = (313.45 + 481266.484 * t) * _RAD
    e = 1 - 0.002516 * t - 0.0000074 * t**2
    d, m, mp, f, lpr = d * _RAD, m * _RAD, mp * _RAD, f * _RAD, lp * _RAD

    sum_l = sum_r = sum_b = 0.0
    for cd, cm, cmp, cf, coef_l, coef_r in _MOON_LR:
        arg = cd * d + cm * m + cmp * mp + cf * f
        factor = e ** abs(cm)
        sum_l += coef_l * factor * math.sin(arg)
        sum_r += coef_r * factor * math.cos(arg)
    for cd, cm, cmp, cf, coef_b in _MOON_B:
        arg = cd * d + cm * m + cmp * mp + cf * f
        sum_b += coef_b * e ** abs(cm) * math.sin(arg)

    sum_l += 3958 * math.sin(a1) + 1962 * math.sin(lpr - f) + 318 * math.sin(a2)
    sum_b += (
        -2235 * math.sin(lpr)
        + 382 * math.sin(a3)
        + 175 * math.sin(a1 - f)
        + 175 * math.sin(a1 + f)
        + 127 * math.sin(lpr - mp)
        - 115 * math.sin(lpr + mp)
    )
    longitude = norm360(lp + sum_l / 1e6 + nutation(jde)[0])
    return longitude, sum_b / 1e6, 385000.56 + sum_r / 1000.0


def moon_equatorial(jde: float) -> tuple[float, float, float]:
    """Apparent right ascension, declination and distance (km) of the Moon."""
    lon, lat, dist = moon_position(jde)
    ra, dec = ecliptic_to_equatorial(lon, lat, true_obliquity(jde))
    return ra, dec, dist


def lunar_elongation(jde: float) -> float:
    """Longitude of the Moon minus that of the Sun, in [0, 360): the basis of tithis."""
    return norm360(moon_position(jde)[0] - sun_apparent_longitude(jde))


# --- lunar phases (Meeus ch. 49) ----------------------------------------------------------------

_NEW_MOON_TERMS = (
    (-0.40720, 0, 0, 1, 0, 0),
    (0.17241, 1, 1, 0, 0, 0),
    (0.01608, 0, 0, 2, 0, 0),
    (0.01039, 0, 0, 0, 2, 0),
    (0.00739, 1, -1, 1, 0, 0),
    (-0.00514, 1, 1, 1, 0, 0),
    (0.00208, 2, 2, 0, 0, 0),
    (-0.00111, 0, 0, 1, -2, 0),
    (-0.00057, 0, 0, 1, 2, 0),
    (0.00056, 1, 1, 2, 0, 0),
    (-0.00042, 0, 0, 3, 0, 0),
    (0.00042, 1, 1, 0, 2, 0),
    (0.00038, 1, 1, 0, -2, 0),
    (-0.00024, 1, -1, 2, 0, 0),
    (-0.00017, 0, 0, 0, 0, 1),
    (-0.00007, 0, 2, 1, 0, 0),
    (0.00004, 0, 0, 2, -2, 0),
    (0.00004, 0, 3, 0, 0, 0),
    (0.00003, 0, 1, 1, -2, 0),
    (0.00003, 0, 0, 2, 2, 0),
    (-0.00003, 0, 1, 1, 2, 0),
    (0.00003, 0, -1, 1, 2, 0),
    (-0.00002, 0, -1, 1, -2, 0),
    (-0.00002, 0, 1, 3, 0, 0),
    (0.00002, 0, 0, 4, 0, 0),
)

_FULL_MOON_TERMS = (
    (-0.40614, 0, 0, 1, 0, 0),
    (0.17302, 1, 1, 0, 0, 0),
    (0.01614, 0, 0, 2, 0, 0),
    (0.01043, 0, 0, 0, 2, 0),
    (0.00734, 1, -1, 1, 0, 0),
    (-0.00515, 1, 1, 1, 0, 0),
    (0.00209, 2, 2, 0, 0, 0),
    (-0.00111, 0, 0, 1, -2, 0),
    (-0.00057, 0, 0, 1, 2, 0),
    (0.00056, 1, 1, 2, 0, 0),
    (-0.00042, 0, 0, 3, 0, 0),
    (0.00042, 1, 1, 0, 2, 0),
    (0.00038, 1, 1, 0, -2, 0),
    (-0.00024, 1, -1, 2, 0, 0),
    (-0.00017, 0, 0, 0, 0, 1),
    (-0.00007, 0, 2, 1, 0, 0),
    (0.00004, 0, 0, 2, -2, 0),
    (0.00004, 0, 3, 0, 0, 0),
    (0.00003, 0, 1, 1, -2, 0),
    (0.00003, 0, 0, 2, 2, 0),
    (-0.00003, 0, 1, 1, 2, 0),
    (0.00003, 0, -1, 1, 2, 0),
    (-0.00002, 0, -1, 1, -2, 0),
    (-0.00002, 0, 1, 3, 0, 0),
    (0.00002, 0, 0, 4, 0, 0),
)

_PLANETARY_TERMS = (
    (0.000325, 299.77, 0.107408, -0.009173),
    (0.000165, 251.88, 0.016321, 0),
    (0.000164, 251.83, 26.651886, 0),
    (0.000126, 349.42, 36.412478, 0),
    (0.000110, 84.66, 18.206239, 0),
    (0.000062, 141.74, 53.303771, 0),
    (0.000060, 207.14, 2.453732, 0),
    (0.000056, 154.84, 7.306860, 0),
    (0.000047, 34.52, 27.261239, 0),
    (0.000042, 207.19, 0.121824, 0),
    (0.000040, 291.34, 1.844379, 0),
    (0.000037, 161.72, 24.198154, 0),
    (0.000035, 239.56, 25.513099, 0),
    (0.000023, 331.55, 3.592518, 0),
)


@lru_cache(maxsize=4096)
def moon_phase_jde(k: float) -> float:
    """JDE of the new moon (integer ``k``) or full moon (``k`` + 0.5); k = 0 is 2000-01-06."""
    t = k / 1236.85
    jde = 2451550.09766 + SYNODIC_MONTH * k + 0.00015437 * t**2 - 0.000000150 * t**3
    jde += 0.00000000073 * t**4
    e = 1 - 0.002516 * t - 0.0000074 * t**2
    m = (2.5534 + 29.10535670 * k - 0.0000014 * t**2 - 0.00000011 * t**3) * _RAD
    mp = (201.5643 + 385.81693528 * k + 0.0107582 * t**2 + 0.00001238 * t**3 - 0.000000058 * t**4) * _RAD
    f = (160.7108 + 390.67050284 * k - 0.0016118 * t**2 - 0.00000227 * t**3 + 0.000000011 * t**4) * _RAD
    omega = (124.7746 - 1.56375588 * k + 0.0020672 * t**2 + 0.00000215 * t**3) * _RAD
    terms = _NEW_MOON_TERMS if float(k).is_integer() else _FULL_MOON_TERMS
    for coef, e_power, cm, cmp, cf, comega in terms:
        jde += coef * e**e_power * math.sin(cm * m + cmp * mp + cf * f + comega * omega)
    for coef, base, rate, quad in _PLANETARY_TERMS:
        jde += coef * math.sin((base + rate * k + quad * t**2) * _RAD)
    return jde


def new_moon_k_after(jd: float) -> int:
    """Index ``k`` of the first new moon at or after the instant ``jd``."""
    k = math.floor((jd - 2451550.09766) / SYNODIC_MONTH) - 1
    while moon_phase_jde(k) < jd:
        k += 1
    return k


# --- root finding for longitudes ---------------------------------------------------------------


def _find_angle(
    angle_of: Callable[[float], float], target: float, jde: float, rate: float, tolerance: float = 1e-6
) -> float:
    """Newton-like search for the instant near ``jde`` when ``angle_of`` equals ``target`` (degrees)."""
    for _ in range(30):
        step = norm180(target - angle_of(jde)) / rate
        jde += step
        if abs(step) < tolerance:
            break
    return jde


def solar_longitude_jde(target: float, jde_guess: float) -> float:
    """Instant (JDE) near ``jde_guess`` at which the Sun's apparent longitude equals ``target``."""
    return _find_angle(sun_apparent_longitude, target, jde_guess, 360.0 / TROPICAL_YEAR)


def solar_longitude_after(target: float, jde: float) -> float:
    """First instant after ``jde`` at which the Sun reaches apparent longitude ``target``."""
    days_ahead = norm360(target - sun_apparent_longitude(jde)) * TROPICAL_YEAR / 360.0
    return solar_longitude_jde(target, jde + days_ahead)


@lru_cache(maxsize=512)
def march_equinox_jd(year: int) -> float:
    """Instant (UT) of the March equinox of ``year``."""
    return ut_from_tt(solar_longitude_jde(0.0, tt_from_ut(jd_from_date(date(year, 3, 20)))))


def elongation_jde(target: float, jde_guess: float) -> float:
    """Instant near ``jde_guess`` at which the Moon leads the Sun by ``target`` degrees."""
    return _find_angle(lunar_elongation, target, jde_guess, 360.0 / SYNODIC_MONTH)


# --- horizon: rising, setting and altitude (Meeus ch. 12, 13, 15) --------------------------------


def greenwich_sidereal_time(jd: float) -> float:
    """Mean sidereal time at Greenwich (degrees) for a UT instant.

    The equation of the equinoxes (at most about a second of time) is left out on purpose.
    """
    t = (jd - J2000) / DAYS_PER_CENTURY
    return norm360(280.46061837 + 360.98564736629 * (jd - J2000) + 0.000387933 * t**2 - t**3 / 38710000)


def altitude(jd: float, ra: float, dec: float, lat: float, lon: float) -> float:
    """Geocentric altitude (degrees) of a body at (ra, dec) for an observer at lat/lon (east +)."""
    hour_angle = (greenwich_sidereal_time(jd) + lon - ra) * _RAD
    phi, delta = lat * _RAD, dec * _RAD
    sin_h = math.sin(phi) * math.sin(delta) + math.cos(phi) * math.cos(delta) * math.cos(hour_angle)
    return math.asin(max(-1.0, min(1.0, sin_h))) / _RAD


SUN_STANDARD_ALTITUDE = -0.8333


def _set_or_rise(
    jd_guess: float,
    lat: float,
    lon: float,
    position: Callable[[float], tuple[float, float, float]],
    setting: bool,
    iterations: int = 8,
) -> float | None:
    """Iterate the instant (UT) when a body crosses its standard altitude, or None if it does not."""
    jd = jd_guess
    for _ in range(iterations):
        ra, dec, h0 = position(tt_from_ut(jd))
        phi, delta = lat * _RAD, dec * _RAD
        cos_h0 = (math.sin(h0 * _RAD) - math.sin(phi) * math.sin(delta)) / (math.cos(phi) * math.cos(delta))
        if abs(cos_h0) > 1:
            return None
        hour_angle = math.acos(cos_h0) / _RAD
        target = hour_angle if setting else -hour_angle
        current = norm180(greenwich_sidereal_time(jd) + lon - ra)
        step = norm180(target - current) / 360.98564736629
        jd += step
        if abs(step) < 1e-5:
            break
    return jd


def _sun_for_horizon(jde: float) -> tuple[float, float, float]:
    ra, dec = sun_equatorial(jde)
    return ra, dec, SUN_STANDARD_ALTITUDE


def _local_noon_guess(day: date, lon: float) -> float:
    return jd_from_date(day) + 0.5 - lon / 360.0


@lru_cache(maxsize=8192)
def sunset(day: date, lat: float, lon: float) -> float | None:
    """Instant (UT) of sunset on the local civil ``day`` at lat/lon (east positive)."""
    # The Sun moves about a degree a day: three refinements reach well under a second.
    return _set_or_rise(_local_noon_guess(day, lon) + 0.25, lat, lon, _sun_for_horizon, setting=True, iterations=3)


@lru_cache(maxsize=8192)
def sunrise(day: date, lat: float, lon: float) -> float | None:
    """Instant (UT) of sunrise on the local civil ``day`` at lat/lon (east positive)."""
    return _set_or_rise(_local_noon_guess(day, lon) - 0.25, lat, lon, _sun_for_horizon, setting=False, iterations=3)
