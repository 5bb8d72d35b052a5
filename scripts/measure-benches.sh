#!/usr/bin/env bash
# Measures every table of docs/bench on this machine, one bench after another, and writes them there; each file names
# the commit, command and date it was measured with. Run it on a quiet machine (nothing else running: no build, no
# other bench) from a clean checkout: a file measured from uncommitted source says so. About two hours on the 2-core
# development machine.
#   scripts/measure-benches.sh [OUT]     (default: docs/bench)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/bench}
dotnet build src/HeteroOrleans.Cli -c Release -v quiet -nologo
dotnet build src/HeteroOrleans.Silo -c Release -v quiet -nologo
hetero=src/HeteroOrleans.Cli/bin/Release/net10.0/linux-x64/hetero
step() { echo; echo "=== $(date -u +%H:%M:%S) hetero $*"; "$hetero" "$@"; }

step bench models --out "$out/models.md"
step bench schemes --out-dir "$out"
step bench faults --out-dir "$out"
step bench privacy --out-dir "$out"
step bench escalation --out-dir "$out"
step bench latency --out-dir "$out"
step bench latency --preset onnx --out-dir "$out"
step bench scale --out-dir "$out"
step bench chaos --runs 50 --seed 1 --out-dir "$out"
# Five silo processes on a Redis server of their own (redis-server on the PATH).
step bench roll --out-dir "$out"
step bench rollout --out-dir "$out"
step bench trace --out-dir "$out"
step bench adapt --out-dir "$out"
step bench check --out "$out/check.md"
# The same check on a loaded machine: which lines hold with four busy loops beside it (not all need to).
step bench check --busy 4 --out "$out/busy.md" || echo "(some lines do not hold beside four busy loops: see $out/busy.md)"
# Separate silo processes on a Redis of their own (exits 77 without redis-server).
echo; echo "=== $(date -u +%H:%M:%S) scripts/dependability.sh"
scripts/dependability.sh "$out/dependability.md" || echo "(dependability not measured: see above)"
echo "=== $(date -u +%H:%M:%S) done"
