#!/usr/bin/env bash
# IAM API load benchmark (docs/benchmarks.md): the packaged server on a fresh MariaDB database on
# this machine, driven by 32 concurrent SigV4 clients (QueryLoad), GetUser and CreateUser+DeleteUser.
# Usage: benchmarks/iam-load.sh [SECONDS] [CLIENTS]   (needs MariaDB at 127.0.0.1:3306, root, no password)
# Each run also prints the CPU the server, MariaDB and the load generator spent per call ("cpu/op").
# SCENARIOS="..." picks others: QueryLoad's (get-caller-identity, get-caller-identity-session,
# assume-role, get-user, create-delete-user) and "authorize" (AuthorizeLoad: POST /v1/authorize;
# AUTHORIZE_CLIENT=published drives the published GatehouseAuthorizer instead of the lean sender).
# LOAD_THREADS: the load generator's selector threads (default 2); DB_PARAMS: JDBC URL options.
# RATE=N: open loop (QueryLoad): the clients start N operations a second on a fixed schedule and
# latency counts from when each was due (as wrk2); without it each client sends again at once (the
# saturation throughput). LATENCY_TRACE=FILE: every request's send time, latency and step.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
clients=${2:-32}
source benchmarks/server.sh
# The load generators report the CPU the server and MariaDB spent per call (steadier than throughput
# on a small shared machine).
export BENCH_CPU_PIDS="server:$server mariadb:$(pgrep -x mariadbd | head -1 || true)"
for scenario in ${SCENARIOS:-get-user create-delete-user}; do
  if [ "$scenario" = authorize ]; then
    java -cp benchmarks/target/benchmarks.jar io.gatehouse.benchmarks.load.AuthorizeLoad \
      "http://127.0.0.1:$port/" "$key_id" "$secret" "$clients" "$seconds"
  else
    java -cp benchmarks/target/benchmarks.jar io.gatehouse.benchmarks.load.QueryLoad \
      "http://127.0.0.1:$port/" "$key_id" "$secret" "$scenario" "$clients" "$seconds"
  fi
done
echo "server heap after the run: $(jcmd "$server" GC.heap_info 2>/dev/null | grep -m1 -o 'used [0-9]*K' || echo n/a)"
