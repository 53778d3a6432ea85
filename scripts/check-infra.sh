#!/usr/bin/env bash
# Checks the Azure infrastructure: `bicep build` and `bicep lint` of infra/main.bicep (and its modules) and
# of infra/main.bicepparam must pass with no warning at all. The Bicep CLI is the NuGet package
# Azure.Bicep.CommandLine.linux-x64 at the version pinned in Directory.Packages.props (restored through
# infra/tools/BicepCli.csproj); set BICEP=/path/to/bicep to use another one.
set -euo pipefail
cd "$(dirname "$0")/.."

bicep="${BICEP:-}"
if [ -z "$bicep" ]; then
  dotnet restore infra/tools/BicepCli.csproj -nologo -v q >/dev/null
  bicep=$(dotnet msbuild infra/tools/BicepCli.csproj -nologo -getProperty:BicepPath)
  bicep="${bicep//\\//}"
fi
[ -f "$bicep" ] || { echo "Bicep CLI not found at '$bicep' (restore infra/tools/BicepCli.csproj, or set BICEP)." >&2; exit 1; }
[ -x "$bicep" ] || chmod u+x "$bicep"

out=artifacts/infra
mkdir -p "$out"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
run() {
  echo "    bicep $*"
  if ! "$bicep" "$@" >>"$log" 2>&1; then status=1; fi
}

echo "==> Infrastructure: bicep build and lint ($("$bicep" --version))"
run build infra/main.bicep --outfile "$out/main.json"
run build-params infra/main.bicepparam --outfile "$out/main.parameters.json"
run lint infra/main.bicep
run lint infra/main.bicepparam

# Any diagnostic (a warning included) fails the check: the infrastructure stays warning-free.
if [ "$status" -ne 0 ] || grep -Eq ': (Warning|Error) ' "$log"; then
  cat "$log" >&2
  echo "Infrastructure check failed: fix every Bicep warning and error above." >&2
  exit 1
fi
echo "    infra/main.bicep and infra/main.bicepparam: built and linted, no warnings"
node infra/tools/assert-template.mjs "$out/main.json"
