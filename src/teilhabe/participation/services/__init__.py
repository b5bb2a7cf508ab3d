"""Every state change of participation, one function each (keyword arguments, own transaction, the one guard,
the audit entry, the one version check), by subject: bodies.py, meetings.py, proposals.py, prioritisation.py,
subscriptions.py, chronicle.py; news.py records what digests tell of."""
