#!/usr/bin/env bash
# Installs what the Makefile needs, and only what is missing: a second run with
# everything present takes a second or two. Nothing is fetched from anywhere but
# the package registries (crates.io, npm, Debian).
#   scripts/setup.sh            wasm32 target, wasm-pack, wasm-bindgen-cli, npm tools
#   scripts/setup.sh --browser  the same, plus the three engines members use, all Debian's:
#                               chromium (+ chromium-driver), firefox-esr (driven over WebDriver
#                               BiDi), WebKitGTK's webkit2gtk-driver and MiniBrowser
#                               (libwebkit2gtk-4.1-0) with xvfb to give it a display, and a CJK font
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

say() { printf 'setup: %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! command -v wasm-pack >/dev/null 2>&1; then
  say "installing wasm-pack (about 2 minutes)"
  cargo install wasm-pack --locked
fi

# wasm-pack downloads its own wasm-bindgen from GitHub unless it finds, on PATH, the
# exact version Cargo.lock pins; so install that one.
bindgen_version=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have_version=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [[ "$have_version" != "$bindgen_version" ]]; then
  say "installing wasm-bindgen-cli $bindgen_version (about 3 minutes)"
  # Its lock file may pin a dependency the registry no longer serves; then resolve afresh.
  cargo install wasm-bindgen-cli --version "$bindgen_version" --locked --force ||
    cargo install wasm-bindgen-cli --version "$bindgen_version" --force
fi

# wasm-opt (npm binaryen), Playwright's driver (no browser download), ESLint and esbuild
# (its binary comes as an npm optional dependency), locally.
# Installed again only when package-lock.json's content changes (not its time stamp: a fresh
# clone or a git worktree has new times, and a worktree may share node_modules by a link).
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ "$(cat node_modules/.points-pool-lock 2>/dev/null)" != "$lock_hash" ]]; then
  say "installing npm tools (npm ci)"
  npm ci --no-audit --no-fund
  echo "$lock_hash" > node_modules/.points-pool-lock
fi

if [[ "${1:-}" == "--browser" ]]; then
  missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
  command -v firefox-esr >/dev/null 2>&1 || missing+=(firefox-esr)
  command -v WebKitWebDriver >/dev/null 2>&1 || missing+=(webkit2gtk-driver)
  compgen -G "/usr/lib/*/webkit2gtk-4.1/MiniBrowser" >/dev/null || missing+=(libwebkit2gtk-4.1-0)
  command -v Xvfb >/dev/null 2>&1 || missing+=(xvfb)
  [[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]] || missing+=(fonts-wqy-microhei)
  if (( ${#missing[@]} )); then
    say "installing Debian packages: ${missing[*]}"
    sudo=""
    [[ $(id -u) -eq 0 ]] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
fi
