# Two commands on a fresh Debian machine: `make run` (the app) and `make test` (the whole suite, browser included).
# Everything comes from PyPI and Debian's packages; no step downloads a browser.
VENV   := .venv
PY     := $(VENV)/bin/python
APP_OK := $(VENV)/.app-installed
DEV_OK := $(VENV)/.dev-installed
PORT   ?= 8501

.PHONY: help run test lint unit browser-tests bench readability lighthouse fuzz check-links system-packages clean
.DEFAULT_GOAL := help

help: ## this list: every target and what it does (the text after "##" on its line)
	@awk -F ':.*## ' '/^[a-z-]+:.*## / { printf "  make %-16s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)

$(VENV)/bin/python:
	python3 -m venv $(VENV)

$(APP_OK): requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(DEV_OK): requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(APP_OK) $@

# Debian's chromium (browser tests) and nginx (the scale-out test); installed only when missing.
system-packages: ## Debian's chromium and nginx, installed only when missing
	@scripts/ensure-debian-packages chromium:/usr/bin/chromium nginx:/usr/sbin/nginx

run: $(APP_OK) ## install the app's pinned dependencies into .venv and serve it on http://localhost:8501 (PORT=... for another)
	$(VENV)/bin/streamlit run app.py --server.port $(PORT)

lint: $(DEV_OK) ## ruff check and ruff format --check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

unit: $(DEV_OK) ## domain, content and AppTest tests only (about a minute)
	$(PY) -m pytest tests/domain tests/content tests/app

browser-tests: $(DEV_OK) system-packages ## the Playwright tests (tests/e2e) and the nginx deploy tests (tests/deploy)
	$(PY) -m pytest tests/e2e tests/deploy

test: $(DEV_OK) system-packages lint ## what CI runs: lint, then the whole pytest suite, browser and nginx included
	$(PY) -m pytest

bench: $(DEV_OK) system-packages ## the benchmark (bench/README.md); python -m bench --quick is a shorter run
	$(PY) -m bench

# How hard the result page is to read (textstat: Wiener Sachtextformel, Flesch), for the five people of issue 17
# and 50 golden links, in German and English; -v lists every page that misses a goal.
readability: $(DEV_OK) ## textstat figures of the result page for five people and 50 golden links, de/en
	$(PY) -m testkit.readability

# Lighthouse (npm's client installs it into bench/lighthouse/node_modules; Debian's chromium, no browser download)
# through deploy/nginx.conf, side by side with a one-line page. A benchmark, not part of `make test`.
lighthouse: $(DEV_OK) system-packages ## Lighthouse through deploy/nginx.conf beside a one-line page (not in make test)
	$(PY) -m bench.lighthouse

# 10,000 generated link maps through the decoder and the whole result build; fails on any exception.
fuzz: $(DEV_OK) ## 10,000 generated links through the decoder and the result build
	$(PY) -m tests.fuzz.link_maps --maps 10000

# Before a release, by an operator with internet access (never in CI): every URL in data/ requested with a
# real HTTP client, its status and redirect chain printed; fails when one answers 400 or more, or not at all.
check-links: $(APP_OK) ## before a release, with internet (never CI): request every URL in data/
	$(PY) scripts/check_links.py

clean: ## remove .venv and the caches
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
