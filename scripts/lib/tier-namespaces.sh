# Shared by the scripts that run the silos of silo-configs/cluster/ in one network namespace per tier (hetero-end,
# hetero-edge, hetero-cloud), each joined to this machine's own stack by a veth pair, so that every silo-to-silo
# message crosses real, separate network stacks, with Redis (membership and job state) on this side. Sourced, not run.
#
# After `ns_setup`: ns_address[tier] is the tier's address, ns_gateway[tier] this side's, ns_mbps[tier] and
# ns_latency[tier] the tier's link as its devices' configs give it, ns_netem yes or no, ns_logs a folder for logs.
# Exits 77, with the reason, where the kernel or the machine lacks a part it needs; `ns_cleanup` runs at exit.

ns_tiers=(end edge cloud)
declare -A ns_configs=([end]="end-a end-b" [edge]="edge-a edge-b" [cloud]="cloud")
ns_redis_port=6391
ns_pids=()
declare -A ns_address ns_gateway ns_mbps ns_latency

ns_skip() { echo "skipped: $*" >&2; exit 77; }

ns_cleanup() {
  for pid in "${ns_pids[@]}"; do { kill -9 "$pid" && wait "$pid"; } 2> /dev/null || true; done
  for tier in "${ns_tiers[@]}"; do
    ip link del "hx-$tier" 2> /dev/null || true
    ip netns del "hetero-$tier" 2> /dev/null || true
  done
  ip link del hx-probe 2> /dev/null || true
}

# Checks what is needed, builds the silo and the client, makes the namespaces and starts Redis.
ns_setup() {
  [ "$(id -u)" = 0 ] || ns_skip "needs root for network namespaces and tc"
  command -v ip > /dev/null && command -v tc > /dev/null || ns_skip "needs iproute2 (ip, tc)"
  command -v redis-server > /dev/null || ns_skip "needs redis-server (apt-get install redis-server)"
  ns_logs=$(mktemp -d)
  trap ns_cleanup EXIT

  # What the kernel allows: namespaces and htb are needed; netem is used where present.
  ip netns add hetero-probe 2> /dev/null || ns_skip "this kernel refuses network namespaces (ip netns add)"
  ip netns del hetero-probe
  ip link add hx-probe type veth peer name hx-probe-peer 2> /dev/null || ns_skip "this kernel refuses veth pairs"
  tc qdisc add dev hx-probe root handle 1: htb default 10 2> /dev/null || ns_skip "this kernel has no htb qdisc"
  tc qdisc del dev hx-probe root
  if tc qdisc add dev hx-probe root netem delay 1ms 2> /dev/null; then ns_netem=yes; else ns_netem=no; fi
  ip link del hx-probe

  # Each tier's link: bandwidth and latency as the tier's device configs give them (one value per tier).
  for tier in "${ns_tiers[@]}"; do
    [ -n "${ns_configs[$tier]}" ] || { ns_mbps[$tier]=0; ns_latency[$tier]=0; continue; }
    read -r ns_mbps[$tier] ns_latency[$tier] < <(python3 - ${ns_configs[$tier]} << 'EOF'
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

  # The programs: built here in Release, unless HETERO_SILO_DLL and HETERO_CLIENT_DLL name builds to use.
  if [ -n "${HETERO_SILO_DLL:-}" ] && [ -n "${HETERO_CLIENT_DLL:-}" ]; then
    ns_silo=$HETERO_SILO_DLL ns_client=$HETERO_CLIENT_DLL
  else
    for project in Silo Cli; do
      dotnet build -c Release -v quiet "src/HeteroOrleans.$project" > "$ns_logs/build-$project.log" 2>&1 \
        || { echo "building $project failed: run dotnet build -c Release src/HeteroOrleans.$project"; exit 1; }
    done
    ns_silo=$PWD/src/HeteroOrleans.Silo/bin/Release/net10.0/linux-x64/HeteroOrleans.Silo.dll
    ns_client=$PWD/src/HeteroOrleans.Cli/bin/Release/net10.0/linux-x64/hetero.dll
  fi

  sysctl -qw net.ipv4.ip_forward=1
  local index=1
  for tier in "${ns_tiers[@]}"; do
    ip netns add "hetero-$tier"
    ip link add "hx-$tier" type veth peer name eth0 netns "hetero-$tier"
    ip addr add "10.77.$index.1/24" dev "hx-$tier"
    ip link set "hx-$tier" up
    ip netns exec "hetero-$tier" ip addr add "10.77.$index.2/24" dev eth0
    ip netns exec "hetero-$tier" ip link set eth0 up
    ip netns exec "hetero-$tier" ip link set lo up
    ip netns exec "hetero-$tier" ip route add default via "10.77.$index.1"
    ns_address[$tier]=10.77.$index.2
    ns_gateway[$tier]=10.77.$index.1
    index=$((index + 1))
  done

  redis-server --port "$ns_redis_port" --bind 0.0.0.0 --protected-mode no --save "" --appendonly no > "$ns_logs/redis.log" 2>&1 &
  ns_pids+=($!)
  for _ in $(seq 1 50); do redis-cli -p "$ns_redis_port" ping > /dev/null 2>&1 && break; sleep 0.1; done
}

# Shapes TIER's link to MBPS Mbit/s with tc htb in both directions (netem under it for LATENCY ms of round trip where
# the kernel has it and LATENCY is given); 0 Mbit/s leaves the bandwidth unshaped.
ns_shape() {
  local tier=$1 mbps=$2 latency=${3:-0} side dev parent
  for side in "" "ip netns exec hetero-$tier"; do
    dev=$([ -z "$side" ] && echo "hx-$tier" || echo eth0)
    if [ "$mbps" != 0 ]; then
      $side tc qdisc add dev "$dev" root handle 1: htb default 10 r2q 100
      $side tc class add dev "$dev" parent 1: classid 1:10 htb rate "${mbps}mbit" ceil "${mbps}mbit"
      parent="parent 1:10"
    else
      parent=root
    fi
    if [ "$ns_netem" = yes ] && [ "$latency" != 0 ]; then
      $side tc qdisc add dev "$dev" $parent handle 20: netem delay "$(awk -v l="$latency" 'BEGIN { print l / 2 }')ms" limit 100000
    fi
  done
}

# Changes a shaped TIER link's rate to MBPS Mbit/s while traffic flows (a link that degrades or recovers).
ns_set_rate() {
  local tier=$1 mbps=$2
  tc class change dev "hx-$tier" parent 1: classid 1:10 htb rate "${mbps}mbit" ceil "${mbps}mbit"
  ip netns exec "hetero-$tier" tc class change dev eth0 parent 1: classid 1:10 htb rate "${mbps}mbit" ceil "${mbps}mbit"
}

ns_unshape() {
  for tier in "${ns_tiers[@]}"; do
    tc qdisc del dev "hx-$tier" root 2> /dev/null || true
    ip netns exec "hetero-$tier" tc qdisc del dev eth0 root 2> /dev/null || true
  done
}

# Bytes the shaped class of TIER's link carried into the tier and out of it.
ns_sent() { local tier=$1; echo "$(tc -s class show dev "hx-$tier" | awk '/Sent/ { print $2; exit }') $(ip netns exec "hetero-$tier" tc -s class show dev eth0 | awk '/Sent/ { print $2; exit }')"; }

# Starts every silo in its tier's namespace, Redis flushed first; ROUND names the logs. OVERRIDES (a function name, or
# empty) prints extra arguments for a tier's silos, one per line, given the tier and the silo's device count; the
# remaining arguments go to every silo, DEVICE in them replaced by each device's index. Sets ns_silo_pids.
ns_start_silos() {
  local round=$1 overrides=$2 tier name count device template
  shift 2
  redis-cli -p "$ns_redis_port" flushall > /dev/null
  ns_silo_pids=()
  for tier in "${ns_tiers[@]}"; do
    for name in ${ns_configs[$tier]}; do
      # The namespaces are reachable from this machine only: no TLS (a network only its owner reaches).
      local arguments=(--Silo:AdvertisedIp="${ns_address[$tier]}" --Silo:Clustering:ConnectionString="${ns_gateway[$tier]}:$ns_redis_port" --Silo:AllowInsecure=true)
      count=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["Silo"]["Devices"]))' "silo-configs/cluster/$name.json")
      for ((device = 0; device < count; device++)); do
        for template in "$@"; do arguments+=("${template//DEVICE/$device}"); done
      done
      if [ -n "$overrides" ]; then mapfile -t -O "${#arguments[@]}" arguments < <("$overrides" "$tier" "$count"); fi
      ip netns exec "hetero-$tier" dotnet "$ns_silo" --config "silo-configs/cluster/$name.json" "${arguments[@]}" \
        > "$ns_logs/$round-$name.log" 2>&1 &
      local pid=$!
      ns_pids+=($pid); ns_silo_pids+=($pid)
      for _ in $(seq 1 600); do grep -q "is up" "$ns_logs/$round-$name.log" && break; kill -0 "$pid" 2> /dev/null || break; sleep 0.2; done
      grep -q "is up" "$ns_logs/$round-$name.log" || { echo "silo $name did not start:"; tail -20 "$ns_logs/$round-$name.log"; exit 1; }
    done
  done
}

ns_stop_silos() {
  for pid in "${ns_silo_pids[@]}"; do kill "$pid" 2> /dev/null || true; done
  for pid in "${ns_silo_pids[@]}"; do wait "$pid" 2> /dev/null || true; done
}
