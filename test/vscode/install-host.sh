#!/usr/bin/env bash
# Installs a real VS Code host without downloading VS Code: code-server (VS Code 1.100.3's server and
# web workbench) from the npm registry, and Debian's chromium to drive the workbench headless.
# usage: test/vscode/install-host.sh   (root, for apt-get; MEDLINT_VSCODE_HOST sets the folder)
set -euo pipefail
HOST=${MEDLINT_VSCODE_HOST:-$HOME/.cache/medlint/vscode-host}
VERSION=4.100.3
if [ -x "$HOST/cs/node_modules/.bin/code-server" ] && grep -q "\"version\": \"$VERSION\"" "$HOST/cs/node_modules/code-server/package.json" 2>/dev/null; then
  echo "code-server $VERSION already in $HOST"
  exit 0
fi
# Build dependencies of code-server's native modules; ripgrep replaces @vscode/ripgrep's download.
if ! dpkg -s chromium libkrb5-dev ripgrep >/dev/null 2>&1; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=300 \
    chromium build-essential python3 pkg-config libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev ripgrep
fi
# @vscode/ripgrep's postinstall looks in its download cache before fetching: seed it with Debian's rg.
export TMPDIR="$HOST/.tmp"
cache="$TMPDIR/vscode-ripgrep-cache-1.15.11"
mkdir -p "$cache" "$TMPDIR/rg"
cp /usr/bin/rg "$TMPDIR/rg/rg"
tar czf "$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$TMPDIR/rg" rg
mkdir -p "$HOST/cs"
cd "$HOST/cs"
[ -f package.json ] || echo '{"name":"medlint-vscode-host","private":true}' > package.json
# code-server's postinstall refuses root without unsafe_perm; node-pty's runs npx node-gyp (yes=true).
export npm_config_unsafe_perm=true npm_config_yes=true
npm install "code-server@$VERSION" --no-audit --no-fund --foreground-scripts
HOME="$HOST/.home" "$HOST/cs/node_modules/.bin/code-server" --version | tail -1
