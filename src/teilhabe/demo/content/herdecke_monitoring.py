"""Demo: Herdecke's monitoring of immigration and integration, 2015–2025, the basis of its steering group's
decisions. About 22,500 inhabitants, one in eleven without German citizenship (more since 2015 and 2022);
the coaching of measure A1 has its own success indicator. Figures are invented but plausible."""

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

ITNRW = "IT.NRW, Bevölkerungsfortschreibung"

MONITORING = MonitoringSpec(
    indicators=(
        population(ITNRW, (22690, 22810, 22750, 22680, 22610, 22540, 22500, 22180, 22330, 22410, 22460),
                   female=0.522),
        foreigners(ITNRW, (1710, 1960, 2010, 2040, 2070, 2060, 2090, 2210, 2350, 2410, 2450), female=0.46),
        unemployed((830, 800, 760, 720, 700, 860, 830, 780, 810, 850, 880),
                   foreign=(0.18, 0.21, 0.23, 0.24, 0.24, 0.25, 0.25, 0.28, 0.29, 0.30, 0.30), female=0.45,
                   foreign_female=0.44),
        childcare((760, 770, 780, 790, 800, 810, 805, 815, 820, 830, 835),
                  (0.25, 0.26, 0.27, 0.28, 0.28, 0.29, 0.30, 0.31, 0.32, 0.33, 0.33)),
        naturalisations((38, 35, 41, 44, 47, 36, 52, 58, 66, 79, 101), female=0.53,
                        goals=("Alle gestalten das Zusammenleben in Herdecke gleichberechtigt mit",),
                        baseline=("2015", 38), target=("2030", 110)),
        IndicatorSpec(
            key="ausbildungscoaching", name="Begleitete Personen im Ausbildungscoaching", kind="success",
            source="Integrationsbeauftragte der Stadt Herdecke", dimensions=("sex",), measures=("A1",),
            goals=("Junge Geflüchtete erhalten eine individuelle Ausbildungsbegleitung",),
            definition="Personen, die im Laufe des Jahres vom Coach begleitet wurden.",
            series=by_sex(2017, (18, 34, 41, 29, 36, 44, 51, 47, 53), female=0.35),
            baseline=("2017", 18), target=("2027", 60), direction="increase", published=False),
    ),
    rates=(FOREIGN_SHARE,),
)
