.PHONY: run test setup bench lint messages

run:          ## set up and start Teilhabe with demo data at http://127.0.0.1:8000
	scripts/run.sh

test:         ## set up and run linters and the whole test suite on SQLite and PostgreSQL
	scripts/test.sh

setup:
	scripts/setup.sh

bench:        ## print the benchmark figures
	scripts/setup.sh && .venv/bin/python bench/run.py

lint:         ## ruff, mypy and the import contracts (interfaces → domain → core)
	.venv/bin/ruff check src tests bench && .venv/bin/mypy src && .venv/bin/lint-imports --no-cache

messages:     ## refresh and compile the translations
	cd src/teilhabe && ../../.venv/bin/teilhabe makemessages --all --no-obsolete && ../../.venv/bin/teilhabe compilemessages
