"""The monitoring report (Integrations- und Gendermonitoring) as documents: `content` assembles what the report
says, `chart` draws each indicator's chart from the page's Vega-Lite spec on the server (vl-convert), `pdf`
(tagged PDF/UA-1, Typst) and `docx` (Word) lay it out."""

from teilhabe.monitoring.documents.content import MonitoringReport, report_content

__all__ = ["MonitoringReport", "report_content"]
