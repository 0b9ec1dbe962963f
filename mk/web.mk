# The web app (meedoen/web): included from the Makefile, which defines PYTHON, VENV and BIN.
# Targets: web-install (npm packages + NL Design System static files + Debian Chromium and Pango),
# web-demo (migrate, demo data, serve on 127.0.0.1:8000), web-test (SQLite), web-test-postgres,
# web-bench (load tests on gunicorn + PostgreSQL: check page and API, city pass redemptions and
# statement, signals ingest).

WEB_MANAGE := $(BIN)/python -m meedoen.web.manage
WEB_STATIC := meedoen/web/static/nlds/utrecht-components.css
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian packages: Pango and fonts for WeasyPrint's PDFs; Chromium for the browser tests only.
WEB_APT_RUNTIME := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
WEB_APT_TEST := chromium

.PHONY: web-install web-static web-runtime-packages web-test-packages web-demo web-test web-test-postgres web-bench

web-install: web-static web-runtime-packages web-test-packages

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

$(WEB_STATIC): node_modules/.package-lock.json meedoen/web/frontend/build.mjs
	npm run --silent build

web-static: $(WEB_STATIC)

# Installs only what is missing, so a prepared machine does not touch apt at all.
define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $$missing; \
	fi
endef

web-runtime-packages:
	$(call apt_install,$(WEB_APT_RUNTIME))

web-test-packages:
	$(call apt_install,$(WEB_APT_TEST))

web-demo: $(BIN)/meedoen web-static web-runtime-packages
	$(WEB_MANAGE) migrate --verbosity 0
	$(WEB_MANAGE) load_demo
	@echo ""
	@echo "Meedoen draait op http://127.0.0.1:8000/  (stoppen: Ctrl+C)"
	@echo ""
	@# The background worker (mail, follow-ups: meedoen/web/queue) runs next to the server and stops with it.
	$(WEB_MANAGE) queue_worker & worker=$$!; trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	$(WEB_MANAGE) runserver 127.0.0.1:8000

web-test: $(BIN)/meedoen web-install
	$(BIN)/pytest tests/web -q

# The web tests again, on a throwaway PostgreSQL cluster (.ci/postgres.sh), stopped afterwards.
web-test-postgres: $(BIN)/meedoen web-install
	@eval "$$(bash .ci/postgres.sh)"; \
	$(BIN)/pytest tests/web -q; status=$$?; \
	bash .ci/postgres.sh stop; exit $$status

web-bench: $(BIN)/meedoen web-static web-runtime-packages
	$(BIN)/python bench/web_load.py
	$(BIN)/python bench/citypass_redemptions.py
	$(BIN)/python bench/citypass_statement.py
	@eval "$$(bash .ci/postgres.sh)"; \
	$(BIN)/python bench/signals_ingest.py; status=$$?; \
	bash .ci/postgres.sh stop; exit $$status
