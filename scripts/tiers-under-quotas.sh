#!/usr/bin/env bash
# Real CPU heterogeneity on one machine: the end, edge and cloud silos (silo-configs/end.json, edge.json, cloud.json,
# real ONNX inference) each run under its own CPU quota, a job of each fine scheme runs across them, and the devices'
# measured ms/image is printed per tier beside the quota. The jobs use one device per tier and no link latency, so
# that each tier's device is busy all the time and its quota, not the job's shape, sets its speed: the measured
# ms/image times the quota is then the CPU time an image costs, which is the model's 1-thread ms/image where the quota
# binds (hetero bench models measures that one).
#   sudo scripts/tiers-under-quotas.sh [END_CPUS EDGE_CPUS CLOUD_CPUS [IMAGES]]     (default 0.25 0.5 1.0 2000)
# Give 0 for a tier to run it without a quota (the baseline). Needs root for the cgroups.
set -euo pipefail
cd "$(dirname "$0")/.."
declare -A cpus=([end]=${1:-0.25} [edge]=${2:-0.5} [cloud]=${3:-1.0})
images=${4:-2000}
for project in Silo Cli; do
  dotnet build -c Release -v quiet "src/HeteroOrleans.$project" > /dev/null || { echo "building $project failed: run dotnet build -c Release src/HeteroOrleans.$project"; exit 1; }
done
silo=src/HeteroOrleans.Silo/bin/Release/net10.0/linux-x64/HeteroOrleans.Silo.dll
client=src/HeteroOrleans.Cli/bin/Release/net10.0/linux-x64/hetero.dll
logs=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
for tier in end edge cloud; do
  if [ "${cpus[$tier]}" = "0" ]; then
    dotnet "$silo" --config "silo-configs/$tier.json" > "$logs/$tier.log" 2>&1 &
  else
    scripts/cpu-quota.sh "$tier" "${cpus[$tier]}" -- dotnet "$silo" --config "silo-configs/$tier.json" > "$logs/$tier.log" 2>&1 &
  fi
  pids+=($!)
  for _ in $(seq 1 120); do grep -q "is up" "$logs/$tier.log" && break; sleep 1; done
  grep -q "is up" "$logs/$tier.log" || { echo "silo $tier did not start:"; cat "$logs/$tier.log"; exit 1; }
done
for scheme in EndEdge EndCloud; do
  dotnet "$client" submit --gateway 127.0.0.1:30000 --images "$images" --scheme "$scheme" \
    --end 1 --edge 1 --cloud 1 --edge-latency 0 --cloud-latency 0 > "$logs/$scheme.log" 2>&1 \
    || { echo "the $scheme job failed:"; tail -20 "$logs/$scheme.log"; exit 1; }
  echo "$scheme: $(grep -o 'makespan *│ [0-9.]* s' "$logs/$scheme.log" | grep -o '[0-9.]* s')"
done
echo
echo "| tier | model | CPU quota | ms/image | ms/image × quota (CPU time per image) |"
echo "|---|---|---|---|---|"
curl -s http://127.0.0.1:8080/devices.json | python3 -c '
import json, sys
quota = {"End": sys.argv[1], "Edge": sys.argv[2], "Cloud": sys.argv[3]}
devices = [d for d in json.load(sys.stdin)["devices"] if (d.get("tasksDone") or 0) > 0 and d.get("msPerImage")]
for tier in ("End", "Edge", "Cloud"):
    for d in (d for d in devices if d["tier"] == tier):
        q, ms = float(quota[tier]), d["msPerImage"]
        cpu = f"{ms * q:.2f}" if q > 0 else "(no quota)"
        shown = "none" if q == 0 else f"{q:g} CPU"
        model = d["model"]
        print(f"| {tier} | {model} | {shown} | {ms:.2f} | {cpu} |")
' "${cpus[end]}" "${cpus[edge]}" "${cpus[cloud]}"
