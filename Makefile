# The two commands of the quick start, and a few helpers.
.PHONY: run test build screenshots clean bench reset

## make run: Azurite, the bot (local dev mode, demo org) and the Teams-like Playground; prints the URL.
run:
	@scripts/run.sh

## make test: builds, starts what the tests need, runs every test, stops it all.
test:
	@scripts/test.sh

## make reset: forgets everything `make run` stored (Azurite's data in .azurite/, logs in .run/), so the next
## `make run` starts from the demo again. Stop `make run` first.
reset:
	rm -rf .azurite .run
	@echo "Local data removed: the next make run starts fresh with the demo."

build:
	@scripts/ensure-tools.sh
	dotnet build DialogueBot.sln -nologo -v q -clp:ErrorsOnly

## make screenshots: after make test, copies the rendered cards and Playground shots into docs/screenshots.
screenshots:
	@test -d artifacts/screenshots || { echo "Run make test first."; exit 1; }
	mkdir -p docs/screenshots
	cp artifacts/screenshots/*.png docs/screenshots/ 2>/dev/null || true
	cp artifacts/screenshots/cards/*.png docs/screenshots/ 2>/dev/null || true

clean:
	rm -rf artifacts .run src/*/bin src/*/obj tests/*/bin tests/*/obj bench/*/bin bench/*/obj

## make package [APP_ENV=local]: fills manifest/manifest.json from manifest/env/.env.$(APP_ENV) and writes artifacts/appPackage.zip.
.PHONY: package
APP_ENV ?= local
package:
	@node scripts/package.mjs --env manifest/env/.env.$(APP_ENV) --out artifacts/appPackage.zip $(if $(ALLOW_PLACEHOLDERS),--allow-placeholders)

## make bench: the performance figures of issue 18 as one table (README "Performance"): protocol overhead beside a
## bare endpoint, open-loop answer bursts, publication at close, results, storage transactions per answer, memory
## after 100,000 activities. About five minutes on a quiet 2-core box. Not part of make test. Full sizes:
## make bench BENCH_ARGS="--pending 100000 --duration 15 --burst-seconds 20"
BENCH_ARGS ?=
bench:
	@scripts/ensure-tools.sh
	dotnet run --project bench/DialogueBot.Bench.Inbound -c Release -- $(BENCH_ARGS)
