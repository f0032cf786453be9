# Entry points named in the README. Every target installs what it needs first (uv into .tools/, then the
# locked workspace into $(VENV)/), so a fresh machine with CPython 3.11, 3.12 or 3.13 needs nothing else.
#   PYTHON=python3.12 make install    pick the interpreter (default: the newest supported one found)
#   VENV=.venv-3.12 PYTHON=... make test-fast    a second environment beside the default one

# tools/find-python prints the newest supported interpreter (or $(PYTHON) checked), or fails naming the
# supported versions. It never downloads one.
PYTHON_PATH := $(shell PYTHON="$(PYTHON)" tools/find-python)
ifeq ($(PYTHON_PATH),)
$(error no supported Python: see the message above (set PYTHON=/path/to/python3.X))
endif
VENV ?= .venv
UV_VERSION := 0.13.9
UV := .tools/bin/uv
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := $(PYTHON_PATH)
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: install up test test-fast demo lint validate-deploy image image-check docs bench bench-quick faults-long fuzz clean

# uv lives in its own venv under .tools/ (any supported Python will do), so nothing global is needed or used.
$(UV):
	@echo "==> installing uv $(UV_VERSION) into .tools/"
	"$(PYTHON_PATH)" -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

# The stamp names the interpreter, so switching PYTHON re-syncs the environment.
STAMP := $(VENV)/.synced-$(notdir $(PYTHON_PATH))
$(STAMP): $(UV) uv.lock pyproject.toml shared/pyproject.toml $(wildcard services/*/pyproject.toml)
	@echo "==> installing the workspace into $(VENV) with $(PYTHON_PATH) (uv sync --frozen)"
	$(UV) sync --frozen
	@rm -f $(VENV)/.synced-*
	@touch $@

install: $(STAMP)  ## install uv and the locked dependencies

up: install  ## run the broker and all six services (Ctrl-C stops everything)
	$(UV) run hunan up

test: install  ## every test: unit, integration (PostgreSQL + broker), end-to-end, deploy checks
	$(UV) run pytest

test-fast: install  ## unit tests only (no broker, SQLite only)
	$(UV) run pytest -m "not integration and not e2e" -k "not postgresql"

demo: install  ## against a running suite (make up): demo register, a disaster, the reaction chain
	$(UV) run hunan demo

lint: install  ## ruff (rules + format check) and mypy (strict on shared/; config in pyproject.toml)
	$(UV) run ruff check shared services tests bench
	$(UV) run ruff format --check shared services tests bench
	$(UV) run mypy

validate-deploy: install  ## offline checks of deploy/ (installs Debian prometheus + nginx when root)
	bash deploy/validate.sh

image:  ## build the container image with Buildah (vfs, chroot; base bootstrapped by debootstrap): deploy/README.md
	bash deploy/image/build.sh

image-check:  ## build the image, run `hunan migrate` + `hunan serve` inside it, require /livez and /readyz 200
	bash deploy/image/check.sh

docs: install  ## regenerate docs/asyncapi.yaml and docs/openapi/*.json from the code
	$(UV) run python -m hunan_shared.contracts write

bench: install  ## every benchmark at full size (≈ 11 min), side by side with its baseline; JSON in bench/results/
	$(UV) run python -m bench

bench-quick: install  ## every benchmark at smoke size (≈ 1.5 min)
	$(UV) run python -m bench --quick

faults-long: install  ## fault injection at full size (500 disasters during a broker outage, large fan-outs)
	HUNAN_FAULTS_LONG=1 $(UV) run pytest tests/faults -m e2e -s

fuzz: install  ## a longer schemathesis run against every service
	HUNAN_FUZZ_LONG=1 $(UV) run pytest tests/security/test_fuzz.py -s

clean:
	rm -rf .venv .venv-* .tools var .pytest_cache
