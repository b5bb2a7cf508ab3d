"""Demo: Waiblingen's integration and gender monitoring, 2015–2025. About 56,000 inhabitants, a sixth of them
without German citizenship; the key project "Kita-Einstieg" (measure 1.2) has its own success indicator.
Figures are invented but plausible; the census 2022 lowers the population."""

from __future__ import annotations

from teilhabe.demo.content.monitoring_common import (
    FOREIGN_SHARE,
    childcare,
    foreigners,
    naturalisations,
    population,
    unemployed,
)
from teilhabe.demo.specs import IndicatorSpec, MonitoringSpec, by_sex

STALA = "Statistisches Landesamt Baden-Württemberg, Bevölkerungsfortschreibung"

MONITORING = MonitoringSpec(
    indicators=(
        population(STALA, (54820, 55410, 55690, 55870, 56020, 55840, 55930, 54910, 55480, 55860, 56140),
                   female=0.508),
        foreigners(STALA, (8120, 8690, 8910, 9120, 9300, 9250, 9380, 9260, 9820, 10050, 10210), female=0.47),
        unemployed((1520, 1470, 1390, 1310, 1290, 1680, 1610, 1490, 1580, 1690, 1760),
                   foreign=(0.30, 0.32, 0.33, 0.34, 0.34, 0.35, 0.35, 0.37, 0.38, 0.38, 0.38), female=0.45,
                   foreign_female=0.46),
        childcare((2410, 2440, 2480, 2530, 2560, 2580, 2600, 2620, 2650, 2670, 2690),
                  (0.38, 0.39, 0.40, 0.40, 0.41, 0.42, 0.42, 0.43, 0.44, 0.45, 0.45), published=False),
        naturalisations((128, 121, 137, 149, 158, 119, 171, 194, 221, 262, 338), female=0.51,
                        goals=("Neu Zugewanderte finden Orientierung",), baseline=("2017", 137),
                        target=("2027", 300)),
        IndicatorSpec(
            key="kita-einstieg", name="Kinder im Programm Kita-Einstieg", unit_label="Kinder", kind="success",
            source="Fachbereich Bildung und Erziehung", dimensions=("sex",), measures=("1.2",),
            goals=("Geflüchtete Familien finden früh Zugang zu Bildungsangeboten",),
            definition="Kinder, die im Laufe des Jahres über das Programm in eine Kita oder Spielgruppe kamen.",
            series=by_sex(2018, (24, 38, 31, 42, 57, 66, 71, 78), female=0.5),
            baseline=("2018", 24), target=("2026", 90), direction="increase"),
    ),
    rates=(FOREIGN_SHARE,),
)
