"""REST API of participation: bodies and meetings, proposals, prioritisations, the chronicle."""
