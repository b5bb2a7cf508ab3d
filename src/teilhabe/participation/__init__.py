"""Participation: bodies (Gremien) and their members, meetings with parallel sessions, attendance counts and
minutes with decisions, proposals and their prioritisation, subscriptions with digests, and the chronicle."""
