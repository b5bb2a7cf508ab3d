"""Public events (Termine) of organisations and offices: recurrence, occurrences, iCalendar."""
