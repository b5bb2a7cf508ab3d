"""Part 5: events Koordination chooses are printed in the wall calendar."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

from pypdf import PdfReader

from teilhabe.calendar.events import services

BERLIN = ZoneInfo("Europe/Berlin")


def text_of_june(client) -> str:
    response = client.get("/heidelberg/kalender/2026/monate.pdf")
    assert response.status_code == 200
    return PdfReader(io.BytesIO(response.content)).pages[5].extract_text()


def test_selected_events_are_printed_and_others_not(client, make_event, coord_actor):
    chosen = make_event(title="Sommerfest der Vereine", start=dt.datetime(2026, 6, 20, 15, tzinfo=BERLIN),
                        end=dt.datetime(2026, 6, 20, 22, tzinfo=BERLIN))
    make_event(title="Nicht gedruckt", start=dt.datetime(2026, 6, 21, 15, tzinfo=BERLIN),
               end=dt.datetime(2026, 6, 21, 22, tzinfo=BERLIN))
    assert "Sommerfest" not in text_of_june(client)
    services.set_selected_for_print(actor=coord_actor, event=chosen, expected_version=chosen.version, selected=True)
    text = text_of_june(client)  # the choice renews the cached PDF
    assert "Sommerfest der Vereine" in text and "Nicht gedruckt" not in text
