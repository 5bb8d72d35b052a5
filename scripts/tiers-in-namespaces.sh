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
images=${1:-3000}
shift || true
if [ $# -gt 0 ]; then schemes=("$@"); else schemes=(EndEdge EndCloud Mapping); fi
tiers=(end edge cloud)
declare -A configs=([end]="end-a end-b" [edge]="edge-a edge-b" [cloud]="cloud")
redis_port=6391
skip() { echo "skipped: $*" >&2; exit 77; }

[ "$(id -u)" = 0 ] || skip "needs root for network namespaces and tc"
command -v ip > /dev/null && command -v tc > /dev/null || skip "needs iproute2 (ip, tc)"
command -v redis-server > /dev/null || skip "needs redis-server (apt-get install redis-server)"

logs=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do { kill -9 "$pid" && wait "$pid"; } 2> /dev/null || true; done
  for tier in "${tiers[@]}"; do
    ip link del "hx-$tier" 2> /dev/null || true
    ip netns del "hetero-$tier" 2> /dev/null || true
  done
  ip link del hx-probe 2> /dev/null || true
}
trap cleanup EXIT

# What the kernel allows: namespaces and htb are needed; netem is used where present.
ip netns add hetero-probe 2> /dev/null || skip "this kernel refuses network namespaces (ip netns add)"
ip netns del hetero-probe
ip link add hx-probe type veth peer name hx-probe-peer 2> /dev/null || skip "this kernel refuses veth pairs"
tc qdisc add dev hx-probe root handle 1: htb default 10 2> /dev/null || skip "this kernel has no htb qdisc"
tc qdisc del dev hx-probe root
if tc qdisc add dev hx-probe root netem delay 1ms 2> /dev/null; then netem=yes; else netem=no; fi
ip link del hx-probe

# Each tier's link: bandwidth and latency as the tier's device configs give them (one value per tier).
declare -A mbps latency
for tier in "${tiers[@]}"; do
  read -r mbps[$tier] latency[$tier] < <(python3 - ${configs[$tier]} << 'EOF'
import json, sys
links = {(d["Link"].get("BandwidthMbps", 0), d["Link"].get("LatencyMs", 0))
         for name in sys.argv[1:]
         for d in json.load(open(f"silo-configs/cluster/{name}.json"))["Silo"]["Devices"]}
if len(links) != 1:
    sys.exit(f"the devices of {', '.join(sys.argv[1:])} give different links: {sorted(links)}; one link per tier")
bandwidth, latency = links.pop()
print(f"{bandwidth:g} {latency:g}")
EOF
  )
done

for project in Silo Client; do
  dotnet build -c Release -v quiet "src/HeteroOrleans.$project" > "$logs/build-$project.log" 2>&1 \
    || { echo "building $project failed: run dotnet build -c Release src/HeteroOrleans.$project"; exit 1; }
done
silo=$PWD/src/HeteroOrleans.Silo/bin/Release/net10.0/linux-x64/HeteroOrleans.Silo.dll
client=$PWD/src/HeteroOrleans.Cli/bin/Release/net10.0/linux-x64/hetero.dll

sysctl -qw net.ipv4.ip_forward=1
declare -A address gateway_of
index=1
for tier in "${tiers[@]}"; do
  ip netns add "hetero-$tier"
  ip link add "hx-$tier" type veth peer name eth0 netns "hetero-$tier"
  ip addr add "10.77.$index.1/24" dev "hx-$tier"
  ip link set "hx-$tier" up
  ip netns exec "hetero-$tier" ip addr add "10.77.$index.2/24" dev eth0
  ip netns exec "hetero-$tier" ip link set eth0 up
  ip netns exec "hetero-$tier" ip link set lo up
  ip netns exec "hetero-$tier" ip route add default via "10.77.$index.1"
  address[$tier]=10.77.$index.2
  gateway_of[$tier]=10.77.$index.1
  index=$((index + 1))
done

redis-server --port "$redis_port" --bind 0.0.0.0 --protected-mode no --save "" --appendonly no > "$logs/redis.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do redis-cli -p "$redis_port" ping > /dev/null 2>&1 && break; sleep 0.1; done

# Real links: htb in both directions of each tier's veth pair, netem under it for the latency where the kernel has it.
shape() {
  for tier in "${tiers[@]}"; do
    for side in "" "ip netns exec hetero-$tier"; do
      dev=$([ -z "$side" ] && echo "hx-$tier" || echo eth0)
      if [ "${mbps[$tier]}" != 0 ]; then
        $side tc qdisc add dev "$dev" root handle 1: htb default 10 r2q 100
        $side tc class add dev "$dev" parent 1: classid 1:10 htb rate "${mbps[$tier]}mbit" ceil "${mbps[$tier]}mbit"
        parent="parent 1:10"
      else
        parent=root
      fi
      if [ "$netem" = yes ] && [ "${latency[$tier]}" != 0 ]; then
        $side tc qdisc add dev "$dev" $parent handle 20: netem delay "$(awk -v l="${latency[$tier]}" 'BEGIN { print l / 2 }')ms" limit 100000
      fi
    done
  done
}
unshape() {
  for tier in "${tiers[@]}"; do
    tc qdisc del dev "hx-$tier" root 2> /dev/null || true
    ip netns exec "hetero-$tier" tc qdisc del dev eth0 root 2> /dev/null || true
  done
}

# One round: every silo in its tier's namespace, the jobs submitted from the end namespace, the makespans kept.
declare -A makespan
run_round() {
  local round=$1; shift
  redis-cli -p "$redis_port" flushall > /dev/null
  local silo_pids=()
  for tier in "${tiers[@]}"; do
    for name in ${configs[$tier]}; do
      local overrides=(--Silo:AdvertisedIp="${address[$tier]}" --Silo:Clustering:ConnectionString="${gateway_of[$tier]}:$redis_port")
      local count
      count=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["Silo"]["Devices"]))' "silo-configs/cluster/$name.json")
      for ((device = 0; device < count; device++)); do
        for template in "$@"; do overrides+=("${template//DEVICE/$device}"); done
      done
      ip netns exec "hetero-$tier" dotnet "$silo" --config "silo-configs/cluster/$name.json" "${overrides[@]}" \
        > "$logs/$round-$name.log" 2>&1 &
      pids+=($!); silo_pids+=($!)
      for _ in $(seq 1 120); do grep -q "is up" "$logs/$round-$name.log" && break; sleep 1; done
      grep -q "is up" "$logs/$round-$name.log" || { echo "silo $name did not start:"; tail -20 "$logs/$round-$name.log"; exit 1; }
    done
  done
  for scheme in "${schemes[@]}"; do
    ip netns exec hetero-end dotnet "$client" submit --gateway "${address[end]}:30021" --images "$images" --scheme "$scheme" \
      > "$logs/$round-$scheme.log" 2>&1 || { echo "the $scheme job failed ($round):"; tail -20 "$logs/$round-$scheme.log"; exit 1; }
    makespan[$round-$scheme]=$(grep -o 'makespan *│ [0-9.]* s' "$logs/$round-$scheme.log" | grep -o '[0-9.]*' | head -1)
    echo "$round: $scheme ${makespan[$round-$scheme]} s" >&2
  done
  for pid in "${silo_pids[@]}"; do kill "$pid" 2> /dev/null || true; done
  for pid in "${silo_pids[@]}"; do wait "$pid" 2> /dev/null || true; done
}

echo "links: $(for t in "${tiers[@]}"; do printf '%s %s Mbit/s %s ms; ' "$t" "${mbps[$t]}" "${latency[$t]}"; done)" >&2
run_round emulated
shape
real_overrides=(--Silo:Devices:DEVICE:Link:BandwidthMbps=0)
if [ "$netem" = yes ]; then
  real_overrides+=(--Silo:Devices:DEVICE:Link:LatencyMs=0)
  latency_note="latency real too (netem, half the round trip each way); emulated latency off"
else
  latency_note="this kernel has no netem (tc answers 'Specified qdisc kind is unknown'): latency stays emulated in both runs"
fi
run_round real "${real_overrides[@]}"
sent() { $1 tc -s class show dev "$2" | awk '/Sent/ { print $2; exit }'; }
traffic=()
for tier in "${tiers[@]}"; do
  [ "${mbps[$tier]}" = 0 ] && continue
  traffic+=("| $tier | ${mbps[$tier]} | $(sent "" "hx-$tier") | $(sent "ip netns exec hetero-$tier" eth0) |")
done
unshape

echo
echo "Bandwidth per tier link: $(for t in "${tiers[@]}"; do printf '%s %s; ' "$t" "$([ "${mbps[$t]}" = 0 ] && echo unlimited || echo "${mbps[$t]} Mbit/s")"; done)"
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
