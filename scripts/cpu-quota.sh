#!/usr/bin/env bash
# Runs a command under a CPU quota, as a slower machine would run it:
#   scripts/cpu-quota.sh NAME CPUS -- command [args...]
# CPUS is a share of one core (0.25 = a quarter). Needs root. Uses cgroup v2 (cpu.max) where the machine has it,
# cgroup v1 (cpu.cfs_quota_us / cpu.cfs_period_us) otherwise, and says which on stderr.
# The quota is enforced per 10 ms period, not the kernel's default 100 ms: a device that sits out a link between
# batches would otherwise run each 20-80 ms batch at full speed on the quota it saved, and look as fast as a big machine.
set -euo pipefail
if [ $# -lt 4 ] || [ "$3" != "--" ]; then
  echo "usage: $0 NAME CPUS -- command [args...]" >&2
  exit 2
fi
name=$1; cpus=$2; shift 3
period=10000
quota=$(awk -v c="$cpus" -v p="$period" 'BEGIN { if (c <= 0) exit 1; printf "%d", c * p }') || { echo "CPUS must be above 0, not '$cpus'" >&2; exit 2; }
if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
  dir=/sys/fs/cgroup/hetero-$name
  mkdir -p "$dir"
  echo "$quota $period" > "$dir/cpu.max"
  kind="cgroup v2 cpu.max"
elif [ -d /sys/fs/cgroup/cpu ]; then
  dir=/sys/fs/cgroup/cpu/hetero-$name
  mkdir -p "$dir"
  echo "$period" > "$dir/cpu.cfs_period_us"
  echo "$quota" > "$dir/cpu.cfs_quota_us"
  kind="cgroup v1 cpu.cfs_quota_us"
else
  echo "this kernel has no cgroup cpu controller: cannot limit the CPU" >&2
  exit 2
fi
echo $$ > "$dir/cgroup.procs"
echo "$name: $cpus CPU ($kind, $quota us per $period us, $dir)" >&2
exec "$@"
