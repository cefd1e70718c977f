# ewp-node: `make run` and `make test` are the contract with a newcomer (README.md).
SHELL := /bin/bash
APT_PACKAGES := libxml2-dev libssl-dev libcurl4-openssl-dev pkg-config libsqlite3-dev libxml2-utils nginx-light openssl curl python3-venv wrk default-jre-headless libsaxonhe-java xmlsec1 postgresql chromium
VENV := .venv
PYTHON := $(VENV)/bin/python3
SWIFT_TEST_FLAGS ?=

.PHONY: deps py-deps build release run test bench keys fuzz clean startup-order

# Installs the Debian packages that are missing, and says what it runs.
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  echo "+ $$SUDO apt-get update && $$SUDO apt-get install -y$$missing"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

# Independent implementations the tests cross-check against (PyPI's cryptography and lxml).
py-deps:
	@[ -x $(PYTHON) ] || { echo "+ python3 -m venv $(VENV)"; python3 -m venv $(VENV); }
	@$(PYTHON) -c 'import cryptography, lxml' 2>/dev/null || { echo "+ $(PYTHON) -m pip install cryptography lxml"; $(PYTHON) -m pip install -q cryptography lxml; }

build: deps
	swift build

# The product only: benchmark executables and test support are built by `make bench` / `make test`.
release: deps
	swift build -c release --product ewp-node

# Rewrites the start-up order (Sources/ewp-node/startup.order, Scripts/startup_order.sh: the node run
# under valgrind's callgrind) and links the release binary with it. Commit the new list.
startup-order: release py-deps
	@command -v valgrind >/dev/null || { SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; echo "+ $$SUDO apt-get install -y valgrind"; $$SUDO apt-get install -y -qq valgrind; }
	EWP_TEST_PYTHON=$(abspath $(PYTHON)) bash Scripts/startup_order.sh
	rm -f .build/release/ewp-node
	swift build -c release --product ewp-node

keys: release
	.build/release/ewp-node keys generate

run: release
	.build/release/ewp-node keys generate
	.build/release/ewp-node serve

# Without the official EWP material (a clone alone) its cross-checks are skipped, and the run ends
# with a line counting them; EWP_REQUIRE_SPECS=1 (CI) makes a missing folder a failure instead.
# Likewise without PostgreSQL (Debian's postgresql, in APT_PACKAGES) the store tests run on SQLite
# only, and say so; EWP_REQUIRE_POSTGRES=1 (CI) makes that a failure. Without Debian's chromium the
# browser tests are skipped (EWP_REQUIRE_BROWSER=1 makes that a failure); their screenshots go to
# .build/browser-screenshots.
test: deps py-deps
	@log=$$(mktemp); trap 'rm -f "$$log"' EXIT; \
	echo "+ swift test $(SWIFT_TEST_FLAGS)"; \
	EWP_TEST_PYTHON=$(abspath $(PYTHON)) swift test $(SWIFT_TEST_FLAGS) 2>&1 | tee "$$log"; status=$${PIPESTATUS[0]}; \
	skipped=$$(grep -c 'skipped: "official EWP material not found' "$$log"); \
	if [ "$$skipped" -gt 0 ]; then \
	  echo "official EWP material not found: $$skipped cross-checks skipped (set EWP_SPECS_DIR to a checkout of the EWP specification repositories, see Tests/SPECS.md)"; \
	fi; \
	if grep -q 'skipped: "PostgreSQL not found' "$$log"; then \
	  echo "PostgreSQL not found: the store tests ran on SQLite only (install Debian's postgresql package: make deps; EWP_REQUIRE_POSTGRES=1 makes this a failure)"; \
	fi; \
	if grep -q 'skipped: "Chromium not found' "$$log"; then \
	  echo "Chromium not found: the browser tests were skipped (install Debian's chromium package: make deps; EWP_REQUIRE_BROWSER=1 makes this a failure)"; \
	fi; \
	exit $$status

# libFuzzer targets (Fuzz/, README.md "Fuzzing"): FUZZ_SECONDS each; fails on a crash, leak or timeout.
FUZZ_SECONDS ?= 60
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) bash Fuzz/fuzz.sh

bench: deps py-deps release
	swift build -c release
	EWP_TEST_PYTHON=$(abspath $(PYTHON)) bash Benchmarks/run.sh

clean:
	rm -rf .build
