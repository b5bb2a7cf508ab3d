"""The implementation report (Umsetzungsbericht) of a reporting round as documents: `content` assembles what
the report says from the round's MeasureReport rows (the snapshot), `pdf` (tagged PDF/UA-1, Typst), `docx` (Word)
and `tables` (XLSX, CSV) lay it out, `chart` draws the status chart as SVG for the PDF and the back office."""

from teilhabe.reporting.documents.content import ReportContent, report_content

__all__ = ["ReportContent", "report_content"]
