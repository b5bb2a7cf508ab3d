"""Importing an organisation's own calendar: parse (iCalendar → plain data), fetch (a URL, when outbound calls
are configured). See docs/event-import.md."""
