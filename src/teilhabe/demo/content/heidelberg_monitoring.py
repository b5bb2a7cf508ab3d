"""Demo: Heidelberg's integration and gender monitoring, 2015–2025. About 160,000 inhabitants, one in five
without German citizenship (a university city: many foreign students and researchers). Figures are invented but
plausible; the census 2022 lowers the population. The Lernpatenschaften of measure 1.06 take their 2013 value
from the Umsetzungsbericht 2013 (the round's close writes it, with the round as its source); their 2025 value is
reported in the open Umsetzungsbericht 2026 and arrives when Koordination closes it."""

from __future__ import annotations

from teilhabe.demo.content.monitoring_common import (
    FIRST_YEAR,
    FOREIGN_SHARE,
    childcare,
    foreigners,
    naturalisations,
    population,
    unemployed,
)
from teilhabe.demo.specs import IndicatorSpec, MonitoringSpec, yearly

STALA = "Statistisches Landesamt Baden-Württemberg, Bevölkerungsfortschreibung"

MONITORING = MonitoringSpec(
    indicators=(
        population(STALA, (156267, 159914, 160355, 160601, 161485, 158741, 159245, 152420, 153810, 154530, 155120),
                   female=0.517),
        foreigners(STALA, (29510, 31240, 31950, 32580, 32940, 31780, 32120, 31350, 32870, 33520, 33940),
                   female=0.478),
        unemployed((4380, 4210, 3990, 3720, 3650, 4590, 4470, 4180, 4420, 4650, 4780),
                   foreign=(0.29, 0.30, 0.31, 0.32, 0.32, 0.33, 0.33, 0.36, 0.37, 0.37, 0.38), female=0.44,
                   foreign_female=0.47),
        childcare((5620, 5710, 5830, 5950, 6080, 6120, 6170, 6210, 6260, 6300, 6340),
                  (0.35, 0.36, 0.36, 0.37, 0.38, 0.38, 0.39, 0.40, 0.41, 0.41, 0.42)),
        naturalisations((412, 398, 436, 471, 502, 388, 545, 612, 689, 805, 1062), female=0.52,
                        goals=("Politische Teilhabe stärken",), baseline=("2015", 412), target=("2030", 1200)),
        IndicatorSpec(
            key="lernpatenschaften", name="Aktive Lernpatenschaften", unit_label="Patenschaften", kind="success",
            source="Freiwilligenbörse Heidelberg", measures=("1.06",),
            goals=("Mehr Jugendliche mit Migrationsgeschichte erreichen einen höheren Schulabschluss",),
            definition="Lernpatenschaften, die am Jahresende mindestens einmal im Monat stattfinden.",
            series=(yearly(FIRST_YEAR, (95, 98, 101, 99, 96, 64, 70, 77, 80, 83)),),
            baseline=("2013", 92), target=("2027", 130), direction="increase", published=False,
            method_notes="2020 und 2021 ruhten viele Patenschaften wegen der Schulschließungen. Der Wert 2013 "
                         "stammt aus dem Umsetzungsbericht 2013, der Wert 2025 kommt mit dem Abschluss des "
                         "Umsetzungsberichts 2026 (erreichte Werte der Maßnahme 1.06)."),
    ),
    rates=(FOREIGN_SHARE,),
)
