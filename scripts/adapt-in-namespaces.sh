#!/usr/bin/env bash
# The bandwidth part of `hetero bench adapt` on real links: the silos of silo-configs/cluster/ that an End-Cloud job
# needs (end-a and the cloud) run in network namespaces (scripts/lib/tier-namespaces.sh), the cloud's link shaped by
# tc htb at 50 Mbit/s and stepped to 5 and back to 50 while the job runs (PHASE seconds each, from the job's start).
# The silos emulate the latency (this kernel may lack netem) and the devices' compute (the paper's Table 2 times), but
# not the bandwidth: every byte of features crosses the shaped link, and the job only sees its transfers take longer.
# Jobs: privacy EncryptAtEnd, --split auto (re-cut as the link is measured) and, unless only re-cut is asked, the
# cut auto picked at the start fixed. Prints each job's makespan and cuts, and one line per step of the link:
#
#   step 1 (50 -> 5 Mbit/s) at 12.0 s: cut moved after 1.4 s ('a' -> 'b')
#
#   sudo scripts/adapt-in-namespaces.sh [IMAGES [PHASE-SECONDS [recut|both]]]      (default 3000 15 both)
#
# Needs root (namespaces, veth, tc), iproute2 and redis-server; exits 77, with the reason, where a part is missing.
# HETERO_SILO_DLL and HETERO_CLIENT_DLL name builds to use instead of building Release here.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/tier-namespaces.sh
images=${1:-3000}
phase=${2:-15}
variants=${3:-both}
rates=(50 5 50)
ns_configs[end]="end-a"
ns_configs[edge]=""
ns_setup

# Every device's compute emulated at the paper's times; the cloud's link planned at the first rate, 500 ms round trip.
overrides() {
  local tier=$1 count=$2 device
  declare -A ms=([end]=10.4 [edge]=8.4 [cloud]=10.8)
  for ((device = 0; device < count; device++)); do
    echo "--Silo:Devices:$device:ComputeMode=Emulated"
    echo "--Silo:Devices:$device:MsPerImage=${ms[$tier]}"
    if [ "$tier" = cloud ]; then
      echo "--Silo:Devices:$device:Link:BandwidthMbps=${rates[0]}"
      echo "--Silo:Devices:$device:Link:LatencyMs=500"
    fi
  done
}

# One job with the cloud's link stepping through the rates; its log is $ns_logs/$1.log, its step times (UTC) $1.steps.
run_job() {
  local name=$1 split=$2 log="$ns_logs/$1.log" pid step
  ns_set_rate cloud "${rates[0]}"
  COLUMNS=300 ip netns exec hetero-end dotnet "$ns_client" submit --gateway "${ns_address[end]}:30021" --images "$images" --scheme EndCloud \
    --privacy EncryptAtEnd --split "$split" > "$log" 2>&1 &
  pid=$!
  ns_pids+=($pid)
  for _ in $(seq 1 600); do grep -q "runs on silo" "$log" && break; kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
  : > "$ns_logs/$name.steps"
  for ((step = 1; step < ${#rates[@]}; step++)); do
    sleep "$phase"
    kill -0 "$pid" 2> /dev/null || break
    ns_set_rate cloud "${rates[$step]}"
    echo "$step ${rates[$((step - 1))]} ${rates[$step]} $(date -u +%s.%N)" >> "$ns_logs/$name.steps"
  done
  wait "$pid" || { echo "the $name job failed:"; tail -20 "$log"; exit 1; }
}

ns_start_silos adapt overrides --Silo:Links:EmulateBandwidth=false
ns_shape cloud "${rates[0]}"
started=$(date -u +%s.%N)
run_job recut auto
if [ "$variants" = both ]; then
  first_cut=$(grep -o "cut at '[^']*'" "$ns_logs/recut.log" | head -1 | sed "s/cut at '\(.*\)'/\1/")
  run_job fixed "$first_cut"
fi
ns_stop_silos

echo
echo "Real links (tc htb on the cloud's veth pair), the cloud's bandwidth ${rates[*]} Mbit/s for $phase s each from the job's start;"
echo "latency and compute emulated; End-Cloud, EncryptAtEnd; $images images."
echo
python3 - "$ns_logs" "$variants" << 'PYTHON'
import datetime, re, sys
logs, variants = sys.argv[1], sys.argv[2]
names = ["recut"] + (["fixed"] if variants == "both" else [])
for name in names:
    text = open(f"{logs}/{name}.log").read()
    makespan = re.search(r"makespan *│ ([0-9.]+) s", text).group(1)
    recorded = re.search(r"[0-9,]+ of [0-9,]+ recorded once, [0-9]+ duplicate\(s\), [0-9]+ missing", text)
    print(f"{name}: makespan {makespan} s; {recorded.group(0) if recorded else 'no result line'}")
    moves = re.findall(r"(\d\d:\d\d:\d\d\.\d) \S+ at [^:]*: '([^']*)' → '([^']*)'", text)
    for line in open(f"{logs}/{name}.steps"):
        step, before, after, at = line.split()
        at = datetime.datetime.fromtimestamp(float(at), datetime.timezone.utc)
        later = [((datetime.datetime.combine(at.date(), datetime.time.fromisoformat(t), datetime.timezone.utc) - at).total_seconds(), a, b) for t, a, b in moves]
        later = [m for m in later if m[0] >= -0.1]
        said = f"cut moved after {later[0][0]:.1f} s ('{later[0][1]}' -> '{later[0][2]}')" if later else "cut did not move"
        print(f"  {name} step {step} ({before} -> {after} Mbit/s): {said}")
PYTHON
