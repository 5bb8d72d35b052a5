#!/usr/bin/env bash
# Real links on one machine: the silos of silo-configs/cluster/ run in one network namespace per tier (hetero-end,
# hetero-edge, hetero-cloud), each joined to this machine's own stack by a veth pair, so that every silo-to-silo
# message crosses real, separate network stacks; Redis (membership and job state) listens on this side. Each tier's
# link gets the bandwidth its devices' configs give (Link:BandwidthMbps) from tc htb, in both directions.
#
# The same jobs run twice: once with the bandwidth emulated by the silos (the links unshaped) and once with it real
# (tc shaping the links, the silos' emulated bandwidth switched off), and the makespans are printed side by side.
# Latency: where the kernel has netem, it adds each link's latency (half the round trip in each direction) and the
# emulated latency is switched off too; where it has not, the emulated latency stays on in both runs. The script says
# which it did.
#
#   sudo scripts/tiers-in-namespaces.sh [IMAGES [SCHEME...]]      (default 3000 EndEdge EndCloud Mapping)
#
# Needs root (namespaces, veth, tc), iproute2 and redis-server. Exits 77, with the reason, where the kernel refuses a
# part it needs. Leaves nothing behind: the namespaces, links and processes go when it ends.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/tier-namespaces.sh
images=${1:-3000}
shift || true
if [ $# -gt 0 ]; then schemes=("$@"); else schemes=(EndEdge EndCloud Mapping); fi
ns_setup

# One round: every silo in its tier's namespace, the jobs submitted from the end namespace, the makespans kept.
declare -A makespan
run_round() {
  local round=$1; shift
  ns_start_silos "$round" "" "$@"
  for scheme in "${schemes[@]}"; do
    ip netns exec hetero-end dotnet "$ns_client" submit --gateway "${ns_address[end]}:30021" --images "$images" --scheme "$scheme" \
      > "$ns_logs/$round-$scheme.log" 2>&1 || { echo "the $scheme job failed ($round):"; tail -20 "$ns_logs/$round-$scheme.log"; exit 1; }
    makespan[$round-$scheme]=$(grep -o 'makespan *│ [0-9.]* s' "$ns_logs/$round-$scheme.log" | grep -o '[0-9.]*' | head -1)
    echo "$round: $scheme ${makespan[$round-$scheme]} s" >&2
  done
  ns_stop_silos
}

echo "links: $(for t in "${ns_tiers[@]}"; do printf '%s %s Mbit/s %s ms; ' "$t" "${ns_mbps[$t]}" "${ns_latency[$t]}"; done)" >&2
run_round emulated
for tier in "${ns_tiers[@]}"; do ns_shape "$tier" "${ns_mbps[$tier]}" "${ns_latency[$tier]}"; done
real_overrides=(--Silo:Links:EmulateBandwidth=false)
if [ "$ns_netem" = yes ]; then
  real_overrides+=(--Silo:Devices:DEVICE:Link:LatencyMs=0)
  latency_note="latency real too (netem, half the round trip each way); emulated latency off"
else
  latency_note="this kernel has no netem (tc answers 'Specified qdisc kind is unknown'): latency stays emulated in both runs"
fi
run_round real "${real_overrides[@]}"
traffic=()
for tier in "${ns_tiers[@]}"; do
  [ "${ns_mbps[$tier]}" = 0 ] && continue
  read -r into out_of < <(ns_sent "$tier")
  traffic+=("| $tier | ${ns_mbps[$tier]} | $into | $out_of |")
done
ns_unshape

echo
echo "Bandwidth per tier link: $(for t in "${ns_tiers[@]}"; do printf '%s %s; ' "$t" "$([ "${ns_mbps[$t]}" = 0 ] && echo unlimited || echo "${ns_mbps[$t]} Mbit/s")"; done)"
echo "$latency_note; $images images, synthetic data, default job settings."
echo
echo "| scheme | emulated bandwidth (s) | real bandwidth, tc htb (s) | real / emulated |"
echo "|---|---|---|---|"
for scheme in "${schemes[@]}"; do
  e=${makespan[emulated-$scheme]}; r=${makespan[real-$scheme]}
  echo "| $scheme | $e | $r | $(awk -v e="$e" -v r="$r" 'BEGIN { printf "%.2f", r / e }') |"
done
echo
echo "What crossed the shaped links in the real run (tc's counters, all jobs together):"
echo
echo "| tier link | Mbit/s | bytes into the tier | bytes out of the tier |"
echo "|---|---|---|---|"
printf '%s\n' "${traffic[@]}"
