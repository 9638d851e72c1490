# ECDH Playground. `make serve` and `make test` install what is missing first.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
PORT ?= 8000
WASM := target/wasm32-unknown-unknown/release/ecdh_playground.wasm
PKG := www/pkg
WASM_OPT := node_modules/.bin/wasm-opt
# The WebAssembly features rustc enables for wasm32-unknown-unknown, which every
# current browser has; wasm-opt must be told, or it rejects the module.
WASM_FEATURES := --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
  --enable-simd
# SIMD (in every current browser) makes the module smaller and HKDF a quarter faster.
WASM_RUSTFLAGS := -C target-feature=+simd128
CHROME_FLAGS_JSON := $(CURDIR)/.ci/webdriver.json

.PHONY: all build serve test size tools tools-test lint test-native test-interop \
  test-wasm test-browser test-types trap-build screenshots dist bench fuzz clean

all: build

tools:
	@.ci/install.sh build

tools-test:
	@.ci/install.sh test

## build: the release module, bound for the web into www/pkg and shrunk with wasm-opt;
## the playground's first module (no features: keys, ECDH, HKDF, AES-GCM) into
## www/pkg/first; core (the first module and the whole key reader, ECDSA, the TLS 1.2
## PRF: no TLS models, ML-KEM or labs) into www/pkg/core, which the playground loads when
## it needs a part of it and the inspector loads first; core with ML-KEM into
## www/pkg/hybrid, for the playground's hybrid choice; and core with wide arithmetic into
## www/pkg/core-wide, loaded instead of first or core where a browser has it.
build: tools
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$(WASM_RUSTFLAGS)" \
	  cargo build --release --target wasm32-unknown-unknown
	$(call bind,$(PKG))
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$(WASM_RUSTFLAGS)" \
	  cargo build --release --target wasm32-unknown-unknown --no-default-features
	$(call bind,$(PKG)/first)
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$(WASM_RUSTFLAGS)" \
	  cargo build --release --target wasm32-unknown-unknown --no-default-features --features core
	$(call bind,$(PKG)/core)
	@# The core build and ML-KEM, for the playground's hybrid (X25519MLKEM768), loaded only
	@# when the hybrid is chosen.
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$(WASM_RUSTFLAGS)" \
	  cargo build --release --target wasm32-unknown-unknown --no-default-features --features core,mlkem
	$(call bind,$(PKG)/hybrid)
	@# core with wide arithmetic (WebAssembly's 64×64→128-bit multiply, i64.mul_wide_u),
	@# which P-256 needs; www/js/wasm.js loads it instead of first or core where the
	@# browser validates the instruction. rustc warns that the feature is not yet stable.
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$(WASM_RUSTFLAGS) -C target-feature=+wide-arithmetic" \
	  cargo build --release --target wasm32-unknown-unknown --no-default-features --features core
	$(call bind,$(PKG)/core-wide,--enable-wide-arithmetic)
	@# noble, for the bench page's comparison (copied from node_modules, not committed).
	node bench/vendor.mjs
	@# Every page's <meta> Content-Security-Policy, from .ci/csp.json.
	node .ci/csp.mjs --write
	@echo "built $(PKG)/, $(PKG)/first/, $(PKG)/core/, $(PKG)/hybrid/ and $(PKG)/core-wide/"

# bind(dir[, wasm-opt flags]): wasm-bindgen the last release build into dir, then wasm-opt
# and minify it.
define bind
	wasm-bindgen --target web --out-dir $(1) $(WASM)
	@# --converge: -Oz again until the module stops shrinking (0.6 KB gzip of the first module).
	$(WASM_OPT) -Oz --converge $(WASM_FEATURES) $(2) $(1)/ecdh_playground_bg.wasm -o $(1)/ecdh_playground_bg.wasm
	@# The glue's documentation is in the .d.ts; the .js itself is minified (half the bytes).
	node_modules/.bin/esbuild $(1)/ecdh_playground.js --minify --format=esm --log-level=warning \
	  --allow-overwrite --outfile=$(1)/ecdh_playground.js
endef

## serve: build, then serve www/ on http://127.0.0.1:$(PORT) with the site's CSP.
serve: build
	python3 .ci/serve.py --port $(PORT) --dir www

## size: raw, gzip and brotli bytes of each build of the module (www/pkg, www/pkg/first,
## www/pkg/core, www/pkg/hybrid, www/pkg/core-wide)
## and of the whole first page (every file a cold load of / requests in headless Chromium).
size: tools-test build
	node bench/size.mjs

## bench: our module (and its wide-arithmetic build, in a Chromium with the flag) against
## WebCrypto and noble, in rounds, in headless Chromium and Node, start-up
## of the playground over cold loads, and sizes; prints the tables, writes bench/results/.
bench: tools-test dist
	node bench/run.mjs

lint:
	cargo fmt --all --check
	cargo clippy --all-targets --features interop -- -D warnings
	cargo clippy -p ecdh-playground-gcm --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --test wasm_api -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --no-default-features --features test-trap -- -D warnings

test-native:
	cargo test

test-interop:
	ECDH_PLAYGROUND_PYTHON=$(CURDIR)/.venv/bin/python cargo test --features interop --test interop --test tls_openssl

## test-wasm: the wasm-bindgen tests, under Node and in headless Chromium.
test-wasm:
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	  cargo test --target wasm32-unknown-unknown --test wasm_api
	@# On a loaded machine ChromeDriver may not start in the runner's time ("driver failed
	@# to bind port during startup"): that, and only that, is tried again, twice at most.
	@for attempt in 1 2 3; do \
	  if CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	    WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver \
	    WASM_BINDGEN_TEST_WEBDRIVER_JSON=$(CHROME_FLAGS_JSON) WASM_BINDGEN_TEST_TIMEOUT=120 \
	    cargo test --target wasm32-unknown-unknown --test wasm_api 2>&1 | tee target/wasm-browser.log; then \
	    break; \
	  fi; \
	  if [ $$attempt -eq 3 ] || ! grep -q 'driver failed to bind port' target/wasm-browser.log; then exit 1; fi; \
	  echo "ChromeDriver did not start in time; trying again ($$attempt of 2)"; \
	done

## test-browser: the package as JavaScript meets it (Node), then end-to-end tests of
## the pages in headless Chromium.
test-browser: dist trap-build
	node --test --test-concurrency=1 tests/node/ tests/browser/

## trap-build: the core build with an export that traps on purpose (cargo feature
## test-trap), unoptimised, into target/trap-pkg, for the test of the pages' recovery
## (served in place of both first and core).
trap-build: tools
	cargo build --target wasm32-unknown-unknown --no-default-features --features core,test-trap
	wasm-bindgen --target web --out-dir target/trap-pkg \
	  target/wasm32-unknown-unknown/debug/ecdh_playground.wasm

## test-types: tsc --strict over the package's .d.ts and tests/types/api.test.ts, whose
## shapes must name every member of every returned interface; then the emitted test runs
## against the real objects, so the types and the module cannot drift apart.
test-types: build
	node_modules/.bin/tsc -p tests/types
	node --test tests/types/

## dist: dist/ecdh-playground.html (one self-contained file that works from disk),
## dist/site/ (the static site, which offers both for download) and
## dist/ecdh-playground-scorm12.zip (the single file as a SCORM 1.2 package, launched with
## the lesson SCORM_LESSON).
SCORM_LESSON ?= hide=secret,okm
dist: build
	node .ci/dist.mjs
	python3 .ci/scorm12.py --lesson '$(SCORM_LESSON)'

## screenshots: the README's pictures of the page, in docs/.
screenshots: build
	node tests/browser/screenshots.mjs

## test: everything, native, wasm and browser, ending with one summary line.
test: tools-test
	@start=$$(date +%s); \
	$(MAKE) --no-print-directory lint test-native test-interop test-wasm test-browser test-types; \
	echo "make test: all passed (fmt, clippy host+wasm32, cargo test, interop with Python and OpenSSL, wasm-bindgen-test in Node and Chromium, browser end-to-end, TypeScript types) in $$(( $$(date +%s) - start ))s"

FUZZ_SECONDS ?= 60
FUZZ_TARGETS := public_key private_key der jwk text openssh signature envelope tls12 tls13 mlkem tls_machines

## fuzz: each fuzz target (fuzz/fuzz_targets) under libFuzzer for FUZZ_SECONDS seconds,
## starting from the committed seeds (fuzz/corpus) and what earlier runs found
## (target/fuzz-corpus). Nightly Rust and cargo-fuzz are installed if missing. Not part
## of `make test`. A crash is saved in fuzz/artifacts/ and stops the run.
fuzz:
	@.ci/install.sh fuzz
	@cd fuzz && for t in $(FUZZ_TARGETS); do \
	  mkdir -p ../target/fuzz-corpus/$$t; \
	  echo "==> fuzzing $$t for $(FUZZ_SECONDS) s"; \
	  cargo +nightly fuzz run $$t ../target/fuzz-corpus/$$t corpus/$$t -- \
	    -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 2>&1 \
	    | grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|==|SUMMARY|Done)' ; \
	  test $${PIPESTATUS[0]} -eq 0 || exit 1; \
	done

clean:
	cargo clean
	rm -rf $(PKG) dist
