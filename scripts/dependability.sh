#!/usr/bin/env bash
# Jobs that outlive their silo, measured as a deployment runs them: the five silo processes of silo-configs/cluster/
# (two end, two edge, a cloud; real ONNX models) on a Redis of their own at 127.0.0.1:6379, as the configs name it, and
# `hetero submit` in processes of their own. Runs an undisturbed job, the same job with `kill -9` of the silo that runs
# it, ten jobs at once, and ten at once with `kill -9` of an end silo; counts every image's results and the silos'
# peak memory; writes the Markdown to OUT (default docs/bench/dependability.md). Run it on a quiet machine.
#   scripts/dependability.sh [OUT]
# Needs redis-server (Debian: apt-get install redis-server). Exits 77, with the reason, without it or when port 6379
# is taken. Leaves nothing behind: the silos and Redis stop when it ends.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/bench/dependability.md}
skip() { echo "skipped: $*" >&2; exit 77; }
command -v redis-server > /dev/null || skip "needs redis-server (apt-get install redis-server)"
(echo > /dev/tcp/127.0.0.1/6379) 2> /dev/null && skip "port 6379 is taken: the cluster configs' Redis must be this script's own"

dotnet build src/HeteroOrleans.Silo -c Release -v quiet -nologo > /dev/null
dotnet build src/HeteroOrleans.Cli -c Release -v quiet -nologo > /dev/null
silo=src/HeteroOrleans.Silo/bin/Release/net10.0/linux-x64/HeteroOrleans.Silo
hetero=src/HeteroOrleans.Cli/bin/Release/net10.0/linux-x64/hetero
work=$(mktemp -d)
declare -A pids dashboard=([end-a]=8091 [end-b]=8092 [edge-a]=8093 [edge-b]=8094 [cloud]=8095)
declare -A port_of=([11121]=end-a [11122]=end-b [11123]=edge-a [11124]=edge-b [11125]=cloud)
gateways=(--gateway 127.0.0.1:30021 --gateway 127.0.0.1:30022 --gateway 127.0.0.1:30023)
cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2> /dev/null || true; done
  wait 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

redis-server --port 6379 --save '' --appendonly no > "$work/redis.log" 2>&1 &
pids[redis]=$!
start() { "$silo" --config "silo-configs/cluster/$1.json" > "$work/$1.log" 2>&1 & pids[$1]=$!; }
ready() {
  for _ in $(seq 1 240); do
    curl -sf "http://127.0.0.1:${dashboard[$1]}/health/ready" > /dev/null && return 0
    sleep 0.5
  done
  echo "silo $1 did not get ready; its log:" >&2; tail -20 "$work/$1.log" >&2; exit 1
}
for name in end-a end-b edge-a edge-b cloud; do start "$name"; done
for name in end-a end-b edge-a edge-b cloud; do ready "$name"; done

# One job: its makespan, its count of images recorded once, duplicated and missing, and how often it moved.
summary() {
  local log=$1
  local images makespan moved
  images=$(grep -oE '[0-9,]+ of [0-9,]+ recorded once, [0-9]+ duplicate\(s\), [0-9]+ missing' "$log" | tail -1)
  makespan=$(grep -oE 'makespan[^0-9]*[0-9.]+ s' "$log" | grep -oE '[0-9.]+ s' | tail -1)
  moved=$(grep -c 'came back on silo' "$log" || true)
  echo "${images:-no report (exit $(cat "$log.exit"))}; makespan ${makespan:-?}; moved ${moved} time(s)"
}
submit() {
  local log=$1; shift
  { "$hetero" submit "${gateways[@]}" "$@" > "$log" 2>&1; echo $? > "$log.exit"; } &
}
job_silo() { grep -oE 'runs on silo S127\.0\.0\.1:[0-9]+' "$1" | tail -1 | grep -oE '[0-9]+$'; }
wait_for() { while [ ! -f "$1.exit" ]; do sleep 0.5; done; }

echo "undisturbed job …"
submit "$work/quiet.log" --images 10000
wait_for "$work/quiet.log"
quiet=$(summary "$work/quiet.log")

echo "kill -9 of the job's own silo, 8 s in …"
submit "$work/kill.log" --images 10000
for _ in $(seq 1 120); do [ -n "$(job_silo "$work/kill.log" || true)" ] && break; sleep 0.5; done
sleep 8
first_victim=${port_of[$(job_silo "$work/kill.log")]}
kill -9 "${pids[$first_victim]}"
wait_for "$work/kill.log"
kill_row=$(summary "$work/kill.log")
back=$(grep -q 'came back on silo' "$work/kill.log" && echo yes || echo no)
start "$first_victim"; ready "$first_victim"

echo "ten jobs at once …"
for i in $(seq 1 10); do submit "$work/ten-$i.log" --images 2000; done
for i in $(seq 1 10); do wait_for "$work/ten-$i.log"; done
ten=$(for i in $(seq 1 10); do summary "$work/ten-$i.log"; done)

echo "ten jobs at once, kill -9 of an end silo 9 s in …"
for i in $(seq 1 10); do submit "$work/tenkill-$i.log" --images 2000; done
sleep 9
busiest=$(for i in $(seq 1 10); do job_silo "$work/tenkill-$i.log" || true; done | sort | uniq -c | sort -rn | head -1 | awk '{print $2}')
victim=${port_of[$busiest]}
kill -9 "${pids[$victim]}"
for i in $(seq 1 10); do wait_for "$work/tenkill-$i.log"; done
tenkill=$(for i in $(seq 1 10); do summary "$work/tenkill-$i.log"; done)

peaks=$(for name in end-a end-b edge-a edge-b cloud; do
  if [ -r "/proc/${pids[$name]}/status" ]; then
    echo "| $name | $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' "/proc/${pids[$name]}/status") |"
  else
    echo "| $name | (killed) |"
  fi
done)

rows() { awk '{print "| " NR " | " $0 " |"}'; }
cat > "$out" <<EOF
# Jobs that outlive their silo: separate processes, Redis, \`kill -9\`

Measured on commit \`$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' + uncommitted changes')\` on $(date -u +%Y-%m-%d) with \`scripts/dependability.sh\`; $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg) at the end.

The five silo processes of \`silo-configs/cluster/\` (two end silos, two edge silos, a cloud; real ONNX models), Orleans'
Redis membership and job storage on a \`redis-server\` of the script's own, and each \`hetero submit\` in a process of its own
(gateways of both end silos and an edge), default job options, synthetic data. Every count is the job's own report:
images with exactly one result, duplicates, missing.

| run | result |
|---|---|
| one 10,000-image job, undisturbed | $quiet |
| the same job, \`kill -9\` of the end silo running it ($first_victim) 8 s in | $kill_row; came back on another silo: $back |

## Ten 2,000-image jobs at once

| job | result |
|---|---|
$(echo "$ten" | rows)

## Ten 2,000-image jobs at once, \`kill -9\` of the end silo running the most of them ($victim) after 9 s

| job | result |
|---|---|
$(echo "$tenkill" | rows)

## Peak memory per silo (VmHWM, over the whole script)

| silo | peak |
|---|---|
$peaks
EOF
echo "written to $out"
