"""What the measure edit form posts, shared by the back-office tests."""

from __future__ import annotations

from teilhabe.plans.models import Measure


def form_data(measure: Measure, **changes) -> dict:
    """What the edit form posts for a measure as it is, with changes."""
    data = {
        "version": measure.version, "reference": measure.reference, "title": measure.title,
        "description": measure.description, "field": measure.field_id,
        "goals": [g.pk for g in measure.goals.all()],
        "lead": f"u{measure.lead_org_unit_id}" if measure.lead_org_unit_id else (
            f"o{measure.lead_organisation_id}" if measure.lead_organisation_id else ""),
        "co_leads": [f"u{u.pk}" for u in measure.co_lead_org_units.all()]
        + [f"o{o.pk}" for o in measure.co_lead_organisations.all()],
        "responsibility_note": measure.responsibility_note,
        "partners": [f"u{u.pk}" for u in measure.partner_org_units.all()]
        + [f"o{o.pk}" for o in measure.partner_organisations.all()],
        "target_groups": [t.pk for t in measure.target_groups.all()],
        "start_date": measure.start_date.isoformat() if measure.start_date else "",
        "end_date": measure.end_date.isoformat() if measure.end_date else "",
        "cost_estimate": "", "funding": measure.funding, "status": measure.status_id,
        "gender_diversity_note": measure.gender_diversity_note, "indicators": "", "links": "",
    }
    if measure.is_key_project:
        data["is_key_project"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}
