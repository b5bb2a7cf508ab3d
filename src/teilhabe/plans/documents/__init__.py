"""The plan as a council-ready document (tagged PDF/UA-1 and DOCX): the whole edition or one field of action,
and the comparison of two editions. `content` assembles what the documents say; `pdf` and `docx` lay it out."""

from teilhabe.plans.documents.content import ComparisonDocument, PlanDocument, comparison_document, plan_document

__all__ = ["ComparisonDocument", "PlanDocument", "comparison_document", "plan_document"]
