# Track Two course: two commands on a fresh machine.
#   make serve   set up, build the book, serve it at http://127.0.0.1:8000
#   make test    set up, then run every test (build, data, exercises, notebooks, browser)
#   make test-fast  the unit tier only (no book, browser, notebook or JupyterLab): under a minute
#   make test-slow  the slow tier (real JupyterLab, PDFs, CSS purge, search): CI runs it after make test
#   make kit     the offline workshop kit in _build/kit: both workshop editions, every handout,
#                card set and key sheet as PDF, an index page and a zip per folder (USB stick)
#   make kit TITLE="Course notes"   a neutral kit: no title, footer, PDF metadata, file, folder or
#                zip name says what the course is about (make book TITLE=... for the book alone)
#   make book TT_LANG=my   the site in two languages: English in _build/html, the Burmese edition in
#                _build/html/my (drafts and English fallbacks marked on each page; a switch on every page)
#   make kit TT_LANG=my    the Burmese kit in _build/kit-my: both editions and every sheet in Burmese
#                drafts, English where a string is not translated yet (each sheet says so)
#   make i18n-status       per language: strings, translated, reviewed (book pages and course catalogs)
#   make i18n-update       new English strings into every catalog (docs/translation.md)
#   make lms     the exercise banks for an LMS in _build/lms: Moodle XML, GIFT, a QTI 1.2 zip for Canvas
#                (instructor material: they hold the keys) and chapter links for a course page;
#                make lms BASE_URL=https://... makes the links absolute (README.txt there says more)
# Also: make lab (JupyterLab on the notebooks), make book (build only), make clean,
#   make benchmark (build times, page weights and Lighthouse's mobile scores beside a default Jupyter Book;
#   make lighthouse PAGES="..." or ALL=1 for the scores alone), make benchmark-tests (each tier's wall and CPU time, with the machine's load, against its target;
#   .venv/bin/python scripts/bench_tests.py --only kit times make kit from nothing, target 5 min).
# Without make (Windows, or no bash): python -m tracktwo setup|serve|book|lab|test|kit (tracktwo/cli.py),
#   the one home for what setup, serve, book, lab, test and kit run: the targets below call it.

SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
HTML := _build/html
# pip on this kind of machine reports every local mirror folder it skips; keep the real messages.
# (grep's own "nothing left" status is ignored; pip's failure still fails the pipe, under pipefail).
QUIET_PIP := { grep -v "is ignored: it is neither a file nor a directory" || true; }
# Offline set-up: `make wheelhouse` fills this folder with every pinned wheel; while it holds wheels,
# every install (make setup, serve, lab, test; python -m tracktwo setup) reads only from it: no index, no network.
WHEELHOUSE ?= wheelhouse
# A neutral edition (tracktwo/editions.py): `make book TITLE="Course notes"` or `make kit TITLE=...`.
# Exported as TRACKTWO_TITLE (no shell quoting, so any title the edition accepts works); a neutral
# book goes to _build/neutral/_build/html, never into the default edition's _build/html.
ifdef TITLE
export TRACKTWO_TITLE := $(TITLE)
endif
ifneq ($(TRACKTWO_TITLE),)
HTML := _build/neutral/_build/html
endif
# A translated edition (tracktwo/i18n, docs/decisions/0021-translations.md): `make book TT_LANG=my`.
# Not LANG, which is the system locale. Checked by `python -m tracktwo.editions` before a build.
TT_LANG ?= en
export TT_LANG

.PHONY: i18n-status i18n-update help setup lms book book-participant book-instructor serve lab test test-fast notebooks benchmark lighthouse benchmark-tests clean vendor lock kit wheelhouse test-slow

help:
	@echo "make serve | make test | make test-fast | make lab | make book | make kit | make lms | make notebooks | make benchmark | make wheelhouse | make lock | make clean"
	@echo "without make: python -m tracktwo setup|serve|book|lab|test|kit (python -m tracktwo --help)"

# The set-up (python -m tracktwo setup): checks the Python (3.11 or newer, with venv), makes $(VENV),
# installs requirements-test.txt (from $(WHEELHOUSE)/ alone while it holds wheels), pip check, quiet lab.
$(STAMP): requirements.txt requirements-test.txt pyproject.toml scripts/configure_lab.py
	@command -v $(PYTHON) >/dev/null 2>&1 || \
	  { echo "Track Two needs Python 3.11 or newer as '$(PYTHON)', which is not found: install it (Debian/Ubuntu: apt-get install python3) or run 'make PYTHON=/path/to/python3.11 ...'."; exit 1; }
	@$(PYTHON) -m tracktwo --venv $(VENV) --wheelhouse $(WHEELHOUSE) setup --force

setup: $(STAMP)

# TT_LANG and TRACKTWO_TITLE reach it from the environment (exported above). With another language,
# both: English at the root, $(TT_LANG) in $(HTML)/$(TT_LANG)/, each page with a switch to the other.
book: $(STAMP)
	@$(BIN)/python -m tracktwo --venv $(VENV) book

# Workshop editions (see book/facilitators.md): participant = no answers anywhere; instructor = keys inline.
book-participant: $(STAMP)
	TRACKTWO_EDITION=participant $(BIN)/jupyter-book build . --builder html -n -W --keep-going --path-output _build/participant

book-instructor: $(STAMP)
	TRACKTWO_EDITION=instructor $(BIN)/jupyter-book build . --builder html -n -W --keep-going --path-output _build/instructor

# The workshop kit (docs/decisions/0010-workshop-kit.md): participant and facilitator folders, PDFs, zips.
kit: $(STAMP)
	@$(BIN)/python -m tracktwo --venv $(VENV) kit

# The LMS export (docs/decisions/0015-lms-export.md): pure writers in tracktwo/lms/, counts printed.
lms: $(STAMP)
	$(BIN)/python scripts/build_lms.py $(if $(BASE_URL),--base-url "$(BASE_URL)",)

# Translations (docs/translation.md): status per language; new English strings into the catalogs.
i18n-status: $(STAMP)
	@$(BIN)/python -m tracktwo.i18n.status

i18n-update: $(STAMP)
	TT_LANG=en $(BIN)/jupyter-book build . --builder custom --custom-builder gettext --path-output _build/gettext
	$(BIN)/python scripts/i18n_update.py --pot _build/gettext/_build/gettext

serve: $(STAMP)
	@$(BIN)/python -m tracktwo --venv $(VENV) serve --port $(PORT)

lab: $(STAMP)
	@$(BIN)/python -m tracktwo --venv $(VENV) lab

# Every pinned wheel (requirements-test.txt, for this machine's Python and platform) plus the build
# backend the course package needs, into $(WHEELHOUSE)/ (about 250 MB). Copy the folder with the
# repository (the workshop kit); `make setup` then installs from it with no network.
wheelhouse:
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@mkdir -p $(WHEELHOUSE)
	@grep -hv -e '^-e' -e '^-r' -e '^#' requirements.txt requirements-test.txt > $(WHEELHOUSE)/requirements.txt
	@echo "setuptools>=68" > $(WHEELHOUSE)/build-requirements.txt
	$(BIN)/python -m pip wheel -q --wheel-dir $(WHEELHOUSE) -r $(WHEELHOUSE)/requirements.txt -r $(WHEELHOUSE)/build-requirements.txt 2>&1 | $(QUIET_PIP)
	@echo "$(WHEELHOUSE)/: $$(ls $(WHEELHOUSE)/*.whl | wc -l) wheels, $$(du -sh $(WHEELHOUSE) | cut -f1); installs now use it with no network."

# Tests run on JOBS processes (pytest-xdist; `make test JOBS=0` runs them in one). `make test` and
# `make test-slow` send whole modules (--dist loadscope): a module's costly fixtures (JupyterLab, every
# page visited, sheets printed) are made once and a notebook's cells run in order. The book is built once
# for all of them and reused by the next run while its inputs are unchanged (tests/support.py,
# shared_build; TRACKTWO_FRESH_BUILD=1 forces a new one). Python may keep compiled files here even where
# the shell asks it not to (PYTHONDONTWRITEBYTECODE): recompiling every module and rewriting every test's
# asserts costs each test process seconds.
# The unit tier sends whole modules too (largest first): its module fixtures (every sheet rendered,
# the course's ids, copies of the data) are then made once, not once per process (66 s against 84 s
# with plain load balancing, on two cores). The tiers' pytest options: tracktwo/cli.py (TIERS).
JOBS ?= 2

test: $(STAMP)
	@$(BIN)/python -m tracktwo --venv $(VENV) test all --jobs $(JOBS)

# The slow tier (real JupyterLab, CSS purge style by style, search on every page, PDFs): CI runs it too.
test-slow: $(STAMP)
	@$(BIN)/python -m tracktwo --venv $(VENV) test slow --jobs $(JOBS)

# The unit tier (unit, data, exercise scoring and parity, layout; no book, browser, notebook or
# JupyterLab): about a minute on two cores (target 60 s). `make test` runs the notebooks and the rest.
test-fast: $(STAMP)
	@$(BIN)/python -m tracktwo --venv $(VENV) test fast --jobs $(JOBS)

# Each tier's wall and CPU time beside the machine's load and the target (scripts/bench_tests.py).
benchmark-tests: $(STAMP)
	$(BIN)/python scripts/bench_tests.py

# Re-run every notebook and store its outputs (commit the result; nbval checks they stay current).
# Widget state is not stored: JupyterLab recreates the widgets when the cells run.
notebooks: $(STAMP)
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.store_widget_state=False notebooks/*.ipynb

# Build times and page weights (scripts/benchmark.py), then how the pages settle on a cheap phone:
# Lighthouse's mobile run per page beside a default Jupyter Book 1, with the machine's load
# (scripts/lighthouse.py; Lighthouse 12.2.3 from npm into ~/.cache/tracktwo/lighthouse on first use,
# never needed by the build or the tests). `make lighthouse` runs the second half alone, on the built
# book: PAGES="book/review.html notebooks/timeline.html" for a chosen list, ALL=1 for every page.
benchmark: $(STAMP)
	$(BIN)/python scripts/benchmark.py
	$(BIN)/python scripts/lighthouse.py $(if $(ALL),--all,) $(PAGES)

lighthouse: $(STAMP)
	$(BIN)/python scripts/lighthouse.py $(if $(ALL),--all,) $(PAGES)

# A release (docs/releasing.md): the book in both languages (English in _build/html, Burmese in
# _build/html/my), both kits, then scripts/release.py zips the site, the participant kits and the
# course folder into _build/release/ (public), the whole kits into _build/release-facilitators/ (never
# uploaded), each with SHA256SUMS (no network; it refuses a version that disagrees anywhere).
.PHONY: release
release: $(STAMP)
	$(MAKE) book TT_LANG=my
	$(MAKE) kit TT_LANG=en
	$(MAKE) kit TT_LANG=my
	$(BIN)/python scripts/release.py

vendor:
	$(PYTHON) scripts/vendor_assets.py

lock:
	bash scripts/lock_requirements.sh

clean:
	rm -rf _build .pytest_cache
