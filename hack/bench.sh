#!/usr/bin/env bash
# Runs the benchmarks that the README's performance table comes from and
# prints the machine they ran on. Usage: hack/bench.sh [extra go test flags]
set -euo pipefail
cd "$(dirname "$0")/.."
echo "# $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
go test -run '^$' -bench . -benchmem "$@" \
  ./apiobj/ ./store/memory/ ./store/etcd/ ./apiserver/ ./client/
