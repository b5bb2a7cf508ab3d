"""The answer form of a report in the back office: the shared answer fields (teilhabe.reporting.answer_fields)
on a VersionedForm, so a concurrent change shows the conflict and keeps the input."""

from __future__ import annotations

from teilhabe.backoffice.flow import VersionedForm
from teilhabe.reporting.answer_fields import AnswerFormMixin


class ReportAnswerForm(AnswerFormMixin, VersionedForm):
    pass
