"""After a failed save the form opens with an error summary that links to each field with an error (forms.js
moves the focus to it, see the browser test); the measure form names the edition it writes to."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from teilhabe.plans.editions import start_new_edition


def _summary(html: str) -> str:
    match = re.search(r'<div class="kern-alert kern-alert--danger error-summary".*?</ul>', html, re.S)
    assert match, "no error summary"
    return match.group(0)


def test_a_failed_save_shows_a_summary_with_links_to_the_fields(koordination, client_for, municipality):
    response = client_for(koordination).post("/heidelberg/intern/seiten/einstellungen/",
                                             {"version": 0, "accessibility_email": "kein-mail"})
    summary = _summary(response.content.decode())
    assert 'tabindex="-1"' in summary and "data-error-summary" in summary
    assert 'href="#id_accessibility_email"' in summary
    assert "E-Mail-Adresse für Barrieremeldungen:" in summary


def test_the_portal_form_has_the_summary_too(municipality):
    response = Client().post("/heidelberg/barriere-melden/", {"description": "", "website": ""})
    summary = _summary(response.content.decode())
    assert 'href="#id_description"' in summary and "Bitte beschreiben Sie die Barriere." in summary


def test_no_summary_without_errors(koordination, client_for, municipality):
    html = client_for(koordination).get("/heidelberg/intern/seiten/einstellungen/").content.decode()
    assert "data-error-summary" not in html
    assert "/static/teilhabe/forms.js" in html


def test_the_measure_form_names_its_edition(koordination, client_for, edition, own_measure, coord_actor):
    client = client_for(koordination)
    create = reverse("backoffice:measure_create", kwargs={"municipality": "heidelberg"}) + f"?ausgabe={edition.pk}"
    html = client.get(create).content.decode()
    assert f"Sie bearbeiten: {edition.plan.title} – {edition.name} (beschlossen)" in html
    draft = start_new_edition(actor=coord_actor, edition=edition, name="Fortschreibung 2027")
    html = client.get(reverse("backoffice:measure_create", kwargs={"municipality": "heidelberg"})
                      + f"?ausgabe={draft.pk}").content.decode()
    assert f"Sie bearbeiten: {edition.plan.title} – Fortschreibung 2027 (Entwurf)" in html
    edit = reverse("backoffice:measure_edit", kwargs={"municipality": "heidelberg", "pk": own_measure.pk})
    assert f"– {edition.name} (beschlossen)" in client.get(edit).content.decode()
