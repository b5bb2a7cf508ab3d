"""The demo municipalities, one module each."""

from teilhabe.demo.content.heidelberg import HEIDELBERG
from teilhabe.demo.content.herdecke import HERDECKE
from teilhabe.demo.content.waiblingen import WAIBLINGEN
from teilhabe.demo.specs import MunicipalitySpec

DEMO_MUNICIPALITIES: tuple[MunicipalitySpec, ...] = (HEIDELBERG, WAIBLINGEN, HERDECKE)

__all__ = ["DEMO_MUNICIPALITIES"]
