# points-pool: `make serve` builds and serves the demo, `make test` runs every test.
# Both install what is missing first (scripts/setup.sh), and are quick when it is all there.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

PORT ?= 8080
PKG := www/pkg
# The member's engine: what <points-calculator> calls on the page for its first result, without the
# operator's tools, projections and 核对 (features in Cargo.toml).
MEMBER_PKG := www/pkg-member
# The member's engine in the element's worker: the same with projections, Monte Carlo and 核对. Loaded
# after the first result, so the first result never waits for their bytes.
MEMBER_WORKER_PKG := www/pkg-member-worker
# The member's engine with the log's check (LogCheck): loaded only by an element with log-src.
MEMBER_LOG_PKG := www/pkg-member-log

.PHONY: help setup setup-browser build serve dist cli test test-native test-wasm test-js lint bench bench-tlog bench-slowest size clean

help:
	@echo "make serve   build and serve the demo on http://127.0.0.1:$(PORT)"
	@echo "make test    every test: native, wasm (Node), browsers (Chromium, Firefox ESR, WebKitGTK), lints"
	@echo "make bench   benchmarks;  make size   wasm size and its largest parts"
	@echo "make dist    dist/points-pool-<version>/: the element under content-hashed names, embed.html, manifest.json"
	@echo "make cli     target/release/points-pool: keygen, publish, verify, audit (docs/verification.md)"

setup:
	@scripts/setup.sh

setup-browser:
	@scripts/setup.sh --browser

build: setup
	wasm-pack --log-level warn build --release --target web --out-dir $(PKG) --out-name points_pool
	wasm-pack --log-level warn build --profile member --target web --out-dir $(MEMBER_PKG) --out-name points_pool_member -- --no-default-features
	wasm-pack --log-level warn build --profile member --target web --out-dir $(MEMBER_WORKER_PKG) --out-name points_pool_member_worker -- --no-default-features --features forecasts,check
	wasm-pack --log-level warn build --profile member --target web --out-dir $(MEMBER_LOG_PKG) --out-name points_pool_member_log -- --no-default-features --features log-check
	@node scripts/package-meta.mjs $(PKG)/package.json
	@node scripts/demo-state.mjs

serve: build
	node scripts/serve.mjs --port $(PORT)

# What a merchant hosts: DIST_BASE is the URL (or path) the folder will be served from,
# written into embed.html's script tag (default: none, the tag names the file alone).
DIST_BASE ?=
dist: build
	node scripts/dist.mjs --base "$(DIST_BASE)"

# The native command line (feature cli): never part of the wasm.
cli:
	cargo build --release --features cli --bin points-pool

test: setup-browser build lint test-native test-wasm test-js

lint:
	cargo fmt --check
	cargo clippy --all-targets --features cli -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --tests -- -D warnings
	# Each member build's features alone: an import only the full build uses is caught here.
	for features in "" forecasts,check log-check; do \
	  cargo clippy --target wasm32-unknown-unknown --lib --no-default-features --features "$$features" -- -D warnings || exit 1; \
	done
	eslint --max-warnings 0 .

test-native:
	cargo test --features cli

test-wasm:
	wasm-pack --log-level warn test --node -- --test wasm_door --test wasm_door_operator --test wasm_tlog
	wasm-pack --log-level warn test --node -- --no-default-features --features forecasts,check --test wasm_door --test wasm_door_operator --test wasm_tlog

test-js:
	node --test --test-reporter=spec tests/js/ tests/browser/

bench: setup-browser build cli
	cargo bench --bench engine
	node bench/budgets.mjs
	node bench/door.mjs
	node bench/widget.mjs
	node bench/check-paste.mjs
	node bench/operator.mjs
	node bench/opt-levels.mjs
	node bench/tlog.mjs
	node bench/element-log.mjs
	node bench/slowest.mjs
	node bench/freeze.mjs

# The slowest call each export accepts (issue 21: every accepted call ends within 10 s).
bench-slowest: build
	node bench/slowest.mjs

# The log's budgets alone (issue 20): publish and verify 1,000,000 rows, the member's check.
bench-tlog: build cli
	node bench/tlog.mjs
	node bench/element-log.mjs

size: build
	@node scripts/size.mjs $(PKG)/points_pool_bg.wasm

clean:
	cargo clean
	rm -rf $(PKG) $(MEMBER_PKG) $(MEMBER_LOG_PKG) tests/browser/artifacts dist
