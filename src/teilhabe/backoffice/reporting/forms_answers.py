"""The answer form of a report in the back office: the shared answer fields (teilhabe.reporting.answer_fields)
on a VersionedForm, so a concurrent change shows the conflict and keeps the input."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from teilhabe.backoffice.flow import VersionedForm
from teilhabe.core.forms import add_kern_classes
from teilhabe.plans.models import StatusOption
from teilhabe.reporting import answer_fields
from teilhabe.reporting.models import MeasureReport


class ReportAnswerForm(VersionedForm):
    def __init__(self, *args: Any, report: MeasureReport, statuses: Sequence[StatusOption], **kwargs: Any) -> None:
        self.report = report
        self.statuses = list(statuses)
        super().__init__(*args, **kwargs)
        version = self.fields.pop("version")
        self.fields.update(answer_fields.answer_fields(report, self.statuses))
        add_kern_classes(self)  # the answer's fields; the version has its class already
        self.fields["version"] = version

    def service_values(self) -> dict[str, Any]:
        return answer_fields.answer_values(self.report, self.cleaned_data, self.statuses)

    @property
    def indicator_fields(self) -> list[Any]:
        return [self[name] for name in answer_fields.indicator_field_names(self.report)]
