#!/usr/bin/env bash
# IAM API load benchmark (docs/benchmarks.md): the packaged server on a fresh MariaDB database on
# this machine, driven by 32 concurrent SigV4 clients (QueryLoad), GetUser and CreateUser+DeleteUser.
# Usage: benchmarks/iam-load.sh [SECONDS] [CLIENTS]   (needs MariaDB at 127.0.0.1:3306, root, no password)
# SCENARIOS="..." picks others: QueryLoad's (get-caller-identity, get-caller-identity-session,
# assume-role, get-user, create-delete-user) and "authorize" (AuthorizeLoad: POST /v1/authorize).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
clients=${2:-32}
db=gatehouse_bench_$$
port=18$(( RANDOM % 900 + 100 ))
key_id=AKIABENCHMARKADMIN00
secret=benchmark/admin/secret/0123456789abcdefgh
[ -f benchmarks/target/benchmarks.jar ] || ./mvnw -q -B -pl benchmarks -am package -DskipTests
[ -f server/target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -B -pl server -am package -DskipTests
mariadb -h 127.0.0.1 -u root -e "CREATE DATABASE $db"
data=$(mktemp -d)
cleanup() {
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  mariadb -h 127.0.0.1 -u root -e "DROP DATABASE IF EXISTS $db" || true
  rm -rf "$data"
}
trap cleanup EXIT
java ${JAVA_OPTS:--Xmx512m} -jar server/target/quarkus-app/quarkus-run.jar start --http-port "$port" --data-dir "$data" \
  --db-url "jdbc:mariadb://127.0.0.1:3306/$db" --db-username root \
  --master-key "$(head -c 32 /dev/urandom | base64)" \
  --bootstrap-admin-access-key-id "$key_id" --bootstrap-admin-secret-access-key "$secret" \
  --bootstrap-admin-password 'Bench-Admin-Pw-1' > "$data/server.log" 2>&1 &
server=$!
for _ in $(seq 1 60); do grep -q "listening" "$data/server.log" && break; sleep 1; done
grep -q "listening" "$data/server.log" || { cat "$data/server.log"; exit 1; }
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
