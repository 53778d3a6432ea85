#!/usr/bin/env bash
# Checks the tools DialogueBot needs and installs the pinned npm tools when they are missing or stale.
# Usage: scripts/ensure-tools.sh [--browser]   (--browser: the browser tests need Chromium too)
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { printf '\n\033[31mMissing tool:\033[0m %s\n\n' "$1" >&2; exit 1; }

command -v dotnet >/dev/null || fail "the .NET SDK (dotnet). Install .NET 10: https://dotnet.microsoft.com/download"
dotnet_major=$(dotnet --version | cut -d. -f1)
[ "$dotnet_major" -ge 10 ] || fail "the .NET 10 SDK (found $(dotnet --version))."

command -v node >/dev/null || fail "Node.js 20 or newer (node): it runs Azurite and the Playground."
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || fail "Node.js 20 or newer (found $(node --version))."
command -v npm >/dev/null || fail "npm (comes with Node.js)."

if [ "${1:-}" = "--browser" ]; then
  chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
  [ -x "$chromium_path" ] || fail "Chromium at $chromium_path for the browser tests. On Debian: sudo apt-get install -y chromium (or set CHROMIUM_PATH)."
fi

# npm ci when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing the pinned npm tools (Azurite, Playground, Adaptive Cards renderer, Playwright)..."
  npm ci --no-audit --no-fund --loglevel=error
fi
