# Lentera: `make run` (demo app on http://127.0.0.1:5000) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# WeasyPrint (PDF) needs Pango and HarfBuzz's subsetter; poppler-utils gives pdftoppm for previews.
RUN_DEB := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core poppler-utils
# Browser tests drive Debian's Chromium.
TEST_DEB := $(RUN_DEB) chromium
# `make run PORT=5001` when 5000 is taken.
PORT ?= 5000

.PHONY: run test install install-dev system-deps test-system-deps translations lint extract-messages clean

run: system-deps install translations
	$(BIN)/flask --app wsgi db upgrade
	$(BIN)/flask --app wsgi seed-demo --if-empty
	@echo ""
	@echo "Lentera runs on http://127.0.0.1:$(PORT)  (demo password: lentera2026;"
	@echo "users: admin, sdm, sdm.yan, penilai, penilai2, pegawai)"
	$(BIN)/flask --app wsgi run --host 127.0.0.1 --port $(PORT)

test: test-system-deps install-dev translations
	@scripts/run-tests.sh

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

system-deps:
	@scripts/ensure-debian-packages.sh $(RUN_DEB)

test-system-deps:
	@scripts/ensure-debian-packages.sh $(TEST_DEB)

translations: $(BIN)/python
	$(BIN)/python scripts/i18n.py compile

extract-messages: install-dev
	$(BIN)/python scripts/i18n.py extract

lint: install-dev
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) build .pytest_cache
