#!/usr/bin/env bash
# make test: builds, starts a private in-memory Azurite on free ports, runs every .NET test, then the
# browser tests (the Playground end to end, every card through the official renderer), and stops what it
# started, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/ensure-tools.sh --browser

echo "==> Building (warnings are errors)"
dotnet build DialogueBot.sln -nologo -v q -clp:ErrorsOnly
scripts/check-infra.sh

echo "==> Starting a private Azurite"
blob=$(scripts/free-port.sh); queue=$(scripts/free-port.sh); table=$(scripts/free-port.sh)
node_modules/.bin/azurite --silent --inMemoryPersistence --skipApiVersionCheck --loose --disableTelemetry \
  --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
  --blobPort "$blob" --queuePort "$queue" --tablePort "$table" >/dev/null 2>&1 &
azurite_pid=$!
cleanup() { kill "$azurite_pid" 2>/dev/null || true; wait "$azurite_pid" 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 100); do (echo >"/dev/tcp/127.0.0.1/$table") 2>/dev/null && break; sleep 0.1; done
key='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
export DIALOGUEBOT_TEST_STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"

rm -rf artifacts/cards
echo "==> .NET tests (unit and integration, against Azurite and local Connector/OpenID stubs)"
dotnet test DialogueBot.sln --no-build -nologo -v q --logger "console;verbosity=minimal"

echo "==> Browser tests (headless Chromium: the Playground end to end, every card in the official renderer)"
node --test --test-reporter=spec tests/e2e/

echo "==> All tests passed"
