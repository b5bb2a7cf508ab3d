"""The demo municipalities, one module each; their organisation profiles in <city>_directory.py."""

from teilhabe.demo.content import heidelberg_directory, herdecke_directory, waiblingen_directory
from teilhabe.demo.content.heidelberg import HEIDELBERG
from teilhabe.demo.content.herdecke import HERDECKE
from teilhabe.demo.content.waiblingen import WAIBLINGEN
from teilhabe.demo.specs import MunicipalitySpec

DEMO_MUNICIPALITIES: tuple[MunicipalitySpec, ...] = (HEIDELBERG, WAIBLINGEN, HERDECKE)
DEMO_PROFILES = {"heidelberg": heidelberg_directory.PROFILES, "herdecke": herdecke_directory.PROFILES,
                 "waiblingen": waiblingen_directory.PROFILES}

__all__ = ["DEMO_MUNICIPALITIES", "DEMO_PROFILES"]
