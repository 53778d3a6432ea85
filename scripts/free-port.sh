#!/usr/bin/env bash
# Prints a TCP port that is free on loopback; with an argument, that port if it is free.
set -euo pipefail
node -e '
const net = require("net");
const want = Number(process.argv[1] || 0);
const s = net.createServer();
s.once("error", () => { const t = net.createServer(); t.listen(0, "127.0.0.1", () => { console.log(t.address().port); t.close(); }); });
s.listen(want, "127.0.0.1", () => { console.log(s.address().port); s.close(); });
' "${1:-0}"
