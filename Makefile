# Partnerbot. `make run` serves the bot, `make test` runs every test; both set everything up first.
SHELL := /bin/bash
PYTHON ?= python3.10
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
PORT ?= 5005
ACTIONS_PORT ?= 5055
INSTALLED := $(VENV)/.installed
SPACY_MODEL := build/spacy-nl/meta.json
WIDGET := node_modules/.package-lock.json
CHROMIUM := /usr/bin/chromium
# The several-nodes test runs a real PostgreSQL, Redis and nginx (Debian's packages).
CLUSTER_PACKAGES := /usr/bin/redis-server /usr/sbin/nginx /usr/lib/postgresql/15/bin/initdb
AUDIT_VENV := build/audit-venv
PIP_AUDIT := $(AUDIT_VENV)/bin/pip-audit

export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export PYTHONPATH := $(CURDIR)

.PHONY: setup kb train run test cluster-test audit eval evaluate calibrate bench validate nlu-report clean

setup: $(INSTALLED) $(SPACY_MODEL) $(WIDGET)

# The website widget's chat UI library (deep-chat), served by the bot itself.
$(WIDGET): package.json package-lock.json
	npm ci --no-audit --no-fund --silent

# The browser tests drive Debian's Chromium (Playwright's own browser download is not available here).
$(CHROMIUM):
	command -v apt-get >/dev/null || { echo "install Chromium at $(CHROMIUM) for the browser tests"; exit 1; }
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

$(CLUSTER_PACKAGES):
	command -v apt-get >/dev/null || { echo "install postgresql, redis-server and nginx for the several-nodes test"; exit 1; }
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 redis-server nginx-light

$(INSTALLED): requirements.in requirements.lock
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 10), "Rasa 3.6 needs Python 3.10"' \
		|| { echo "Python 3.10 is required (pyenv: see .python-version)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip==24.0"
	$(PY) -m pip install --quiet -r requirements.in -c requirements.lock
	touch $@

$(SPACY_MODEL): $(INSTALLED) bot/spacy_model.py
	$(PY) -m bot spacy-model

kb: setup
	$(PY) -m knowledge build

# Retrains only when data, domain, config or components changed (see bot/training.py).
train: setup kb
	$(PY) -m bot train

run: train
	$(PY) -m bot run --port $(PORT) --actions-port $(ACTIONS_PORT)

test: train $(CHROMIUM) $(CLUSTER_PACKAGES) audit
	$(PY) -m pytest -q

# Two Rasa servers, an action server, PostgreSQL, Redis and nginx on loopback (tests/cluster).
cluster-test: train $(CLUSTER_PACKAGES)
	$(PY) -m pytest -q tests/cluster

# Known vulnerabilities in the pinned dependencies (pip-audit, in its own venv: its dependencies
# clash with Rasa's). It reports, it does not fail the build: Rasa 3.6 pins old packages we
# cannot upgrade alone. Packages it could not look up are listed as skipped.
$(PIP_AUDIT): requirements-audit.lock
	test -x $(AUDIT_VENV)/bin/python || $(PYTHON) -m venv $(AUDIT_VENV)
	$(AUDIT_VENV)/bin/pip install --quiet -r requirements-audit.lock
	touch $@

audit: $(PIP_AUDIT)
	@mkdir -p results
	@$(PIP_AUDIT) -r requirements.lock --no-deps --disable-pip --progress-spinner off --desc on \
		> results/pip-audit.txt 2> results/pip-audit.log; status=$$?; \
	 echo "pip-audit over requirements.lock (exit $$status): $$(grep -c '^[A-Za-z0-9_.-]\+ \+[0-9]' results/pip-audit.txt || true) findings, $$(grep -c 'could not be audited' results/pip-audit.txt || true) packages not audited; details in results/pip-audit.txt"

validate: setup
	$(RASA) data validate --quiet

nlu-report: setup
	$(RASA) test nlu --cross-validation --folds 3 --out results/nlu

eval:
	$(PY) ../shared/eval/score.py ../shared/eval/dev_qa.jsonl \
		--url http://localhost:$(PORT)/webhooks/rest/webhook --show-failures

# Every question set of tests/eval/suite.yml through the trained bot, in process (no servers).
evaluate: train
	$(PY) -m bot evaluate

# Refit the answer-or-decline confidence on the tuning sets (writes knowledge/calibration.json).
calibrate: train
	$(PY) -m bot calibrate

# Starts Partnerbot and a bare `rasa init` bot (trained once into build/bare-bot) on free ports, one
# after the other, and prints ours as ratios against it. Stop `make run` first: both share 2 cores.
# Ours against a bare `rasa init` bot; then nginx in front of one and of two Rasa servers (tests/cluster/bench.py).
bench: train $(CLUSTER_PACKAGES)
	$(PY) -m bot bench
	$(PY) -m tests.cluster.bench

clean:
	rm -rf models build results var/knowledge.db
