# Two commands matter: `make demo` and `make test`. Both create .venv and install what they need,
# and are fast the second time (installs are skipped while pyproject.toml is unchanged).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.stamp-run
STAMP_TEST := $(VENV)/.stamp-test
UI_STAMP := tdm-ui/node_modules/.stamp
PYTEST_ARGS ?=
# Test processes (pytest-xdist): two per CPU, since most tests wait on servers, workers or a browser
# for much of their time; `make test PYTEST_WORKERS=0` runs in one process.
PYTEST_WORKERS ?= $(shell echo $$(( $$(nproc 2>/dev/null || echo 1) * 2 )))
# The suite starts dozens of Python processes (xdist workers, workers, the CLI, API servers); where
# the environment sets PYTHONDONTWRITEBYTECODE, each would compile the project's modules and rewrite
# the tests' asserts again. Their bytecode goes to the usual (ignored) __pycache__ directories.
PYTEST_ENV := env -u PYTHONDONTWRITEBYTECODE

.PHONY: demo test lint fmt typecheck imports bench openapi ui ui-test ui-client install install-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

# torch is installed first, pinned, so that sdv does not pull a multi-GB GPU build.
$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q "torch==2.13.0" || $(BIN)/pip install -q torch --index-url https://download.pytorch.org/whl/cpu
	$(BIN)/pip install -q -e ".[test,sdv]"
	touch $@ $(STAMP_RUN)

install: $(STAMP_RUN)
install-test: $(STAMP_TEST)

$(UI_STAMP): tdm-ui/package.json
	@if [ -f tdm-ui/package.json ]; then cd tdm-ui && (npm ci --no-audit --no-fund || npm install --no-audit --no-fund) && touch node_modules/.stamp; fi

# The portal's sources: a build and a Vitest pass are repeated only when one of them changed.
UI_SOURCES := $(wildcard tdm-ui/package.json tdm-ui/index.html tdm-ui/vite.config.ts tdm-ui/tsconfig*.json) \
	$(shell find tdm-ui/src tdm-ui/public -type f 2>/dev/null)
UI_DIST := tdm-ui/dist/index.html
UI_TESTED := tdm-ui/node_modules/.stamp-vitest

$(UI_DIST): $(UI_STAMP) $(UI_SOURCES)
	cd tdm-ui && npm run build
	touch $@

$(UI_TESTED): $(UI_STAMP) $(UI_SOURCES)
	cd tdm-ui && npm test
	touch $@

ui:
	@if [ -f tdm-ui/package.json ]; then $(MAKE) --no-print-directory $(UI_DIST); fi

# The portal's component tests (Vitest).
ui-test:
	@if [ -f tdm-ui/package.json ]; then $(MAKE) --no-print-directory $(UI_TESTED); fi

demo: $(STAMP_RUN)
	@if [ -f tdm-ui/package.json ]; then $(MAKE) --no-print-directory ui; fi
	$(BIN)/tdm demo

test: $(STAMP_TEST)
	@if [ -f tdm-ui/package.json ]; then $(MAKE) --no-print-directory ui ui-test; fi
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(PYTEST_ENV) $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

lint: $(STAMP_TEST)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

fmt: $(STAMP_TEST)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP_TEST)
	$(BIN)/python -m bench

openapi: $(STAMP_TEST)  # the test extra brings openapi-python-client
	$(BIN)/python -m tdm_api.openapi_export docs/openapi.json
	$(BIN)/python -m tdm_api.cli.client.api_reference
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/openapi-python-client generate --path docs/openapi.json --meta none \
		--config openapi-client.yaml --output-path tdm-api/tdm_api/cli/client/generated --overwrite
	$(BIN)/python -m tdm_agents.masking.transformers.catalogue_doc docs/masking.md
	@if [ -d tdm-ui/node_modules ]; then cd tdm-ui && npm run generate:api; fi

clean:
	rm -rf $(VENV) tdm-ui/node_modules tdm-ui/dist .pytest_cache .mypy_cache .ruff_cache
