"""Demo translations: each demo municipality's language tree and a few translated texts of its plan (titles of
the fields of action in English and Arabic), so the translation overview shows every state — up to date,
missing (the descriptions), and in Herdecke Tigrinya translated from English. Written for the demo by the
project (not checked by native speakers), like the rest of the demo content."""

from __future__ import annotations

from teilhabe.core.models import Municipality
from teilhabe.core.roles import Actor
from teilhabe.demo.specs import MunicipalitySpec
from teilhabe.pages import services as page_services
from teilhabe.pages.defaults import default_text
from teilhabe.plans.models import Edition, FieldOfAction
from teilhabe.translations import services

# Language → parent, beyond the default (German).
TREES: dict[str, dict[str, str]] = {
    "herdecke": {"ti": "en"},
    "waiblingen": {"it": "en"},
}

FIELD_TITLES: dict[str, dict[str, dict[str, str]]] = {
    "heidelberg": {
        "AG 1: Bildung und Sprachförderung": {"en": "WG 1: Education and language support",
                                              "ar": "مجموعة العمل 1: التعليم ودعم اللغة"},
        "AG 2: Ausbildung und Arbeitsmarkt": {"en": "WG 2: Vocational training and the labour market",
                                              "ar": "مجموعة العمل 2: التدريب المهني وسوق العمل"},
        "AG 5: Sport und Kultur": {"en": "WG 5: Sport and culture"},
    },
    "herdecke": {
        "Ausbildung und Arbeit": {"en": "Training and work", "ar": "التدريب والعمل"},
        "Sprache und Bildung": {"en": "Language and education", "ar": "اللغة والتعليم"},
        "Wohnen und Quartier": {"en": "Housing and neighbourhood"},
    },
    "waiblingen": {
        "1. Zugang zu Sprache und Bildung": {"en": "1. Access to language and education",
                                             "tr": "1. Dil ve eğitime erişim"},
        "4. Interkulturelle Öffnung der Verwaltung": {"en": "4. Intercultural opening of the administration"},
    },
}

IMPRINT_EN = ("Legal notice", "This is the legal notice of the demo municipality {name}. (Demo data, translated "
              "from the German page.)")


def build_translations(spec: MunicipalitySpec, municipality: Municipality, edition: Edition, actor: Actor) -> None:
    enabled = municipality.content_languages
    for language, parent in TREES.get(spec.slug, {}).items():
        if language in enabled and parent in enabled:
            services.set_language_parent(actor=actor, municipality=municipality, language=language, parent=parent,
                                         expected_version=0)
    fields = {f.title: f for f in FieldOfAction.objects.filter(edition=edition)}
    for title, variants in FIELD_TITLES.get(spec.slug, {}).items():
        field = fields.get(title)
        if field is None:
            continue
        for language, text in variants.items():
            if language in enabled:
                services.save_translations(actor=actor, obj=field, language=language, values={"title": text})
    if "en" in enabled:
        default = default_text("impressum", municipality)
        page_services.save_legal_page(actor=actor, municipality=municipality, kind="impressum", language="de",
                                      title=default.title, body=default.body, expected_version=0)
        page_services.save_legal_page(actor=actor, municipality=municipality, kind="impressum", language="en",
                                      title=IMPRINT_EN[0], body=IMPRINT_EN[1].format(name=municipality.name),
                                      expected_version=0)
