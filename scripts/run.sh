#!/usr/bin/env bash
# make run: Azurite (data kept in .azurite/), the bot in local dev mode with the demo org, and Microsoft's
# Teams-like Playground pointed at it. Ctrl+C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/ensure-tools.sh
echo "==> Building the bot"
dotnet build src/DialogueBot -nologo -v q -clp:ErrorsOnly

mkdir -p .azurite .run
blob=$(scripts/free-port.sh 10000); queue=$(scripts/free-port.sh 10001); table=$(scripts/free-port.sh 10002)
bot=$(scripts/free-port.sh 3978); playground=$(scripts/free-port.sh 56150)

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; echo; echo "Stopped."; }
trap cleanup EXIT INT TERM

node_modules/.bin/azurite --silent --location .azurite --skipApiVersionCheck --loose --disableTelemetry \
  --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
  --blobPort "$blob" --queuePort "$queue" --tablePort "$table" >.run/azurite.log 2>&1 &
pids+=($!)

key='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
ASPNETCORE_ENVIRONMENT=Development \
Storage__ConnectionString="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;" \
  dotnet src/DialogueBot/bin/Debug/net10.0/DialogueBot.dll --urls "http://127.0.0.1:$bot" --contentRoot "$PWD/src/DialogueBot" >.run/bot.log 2>&1 &
bot_pid=$!
pids+=($bot_pid)

for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$bot/healthz" >/dev/null 2>&1 && break
  kill -0 "$bot_pid" 2>/dev/null || break
  sleep 0.5
done
curl -fs "http://127.0.0.1:$bot/healthz" >/dev/null || { echo "The bot did not start; see .run/bot.log:"; tail -30 .run/bot.log; exit 1; }

TEAMSAPPTESTER_BROWSER=none M365_AGENTS_PLAYGROUND_CONFIG_PATH="$PWD/scripts/playground.yml" node node_modules/@microsoft/m365agentsplayground/cli.js \
  -e "http://127.0.0.1:$bot/api/messages" -c msteams -p "$playground" --disable-telemetry >.run/playground.log 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$playground/" >/dev/null 2>&1 && break; sleep 0.5; done

cat <<BANNER

  DialogueBot is running (local dev mode, demo org of 30 people).

    Open the Playground:  http://127.0.0.1:$playground
    You are Alex Wilber, a manager with HR rights. Type "help".

    Bot:      http://127.0.0.1:$bot   (logs: .run/bot.log)
    Storage:  Azurite on 127.0.0.1:$table/$queue (data kept in .azurite/;
              "make reset" forgets it, so the next run starts fresh with the demo)

  Ctrl+C stops everything.

BANNER
wait -n "${pids[@]}"
