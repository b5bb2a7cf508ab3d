"""Browser tests: the Playwright fixtures (`browser`, `page`) are in tests/conftest.py."""
