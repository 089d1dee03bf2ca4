# Sourced by the load scripts (iam-load.sh, scim-load.sh): builds what is missing, then starts the
# packaged server on a fresh MariaDB database (127.0.0.1:3306, root, no password) on a random port
# with a known bootstrap administrator key. Sets db, port, key_id, secret, data and server, and a
# trap that stops the server, drops the database and keeps the server's log in
# /tmp/gatehouse-bench-server.log when it logged an error. JAVA_OPTS: the server's JVM options.
db=gatehouse_bench_$$
port=18$(( RANDOM % 900 + 100 ))
key_id=AKIABENCHMARKADMIN00
secret=benchmark/admin/secret/0123456789abcdefgh
[ -f benchmarks/target/benchmarks.jar ] || ./mvnw -q -B -pl benchmarks -am package -DskipTests
[ -f server/target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -B -pl server -am package -DskipTests
mariadb -h 127.0.0.1 -u root -e "CREATE DATABASE $db"
data=$(mktemp -d)
: > "$data/server.log"
cleanup() {
  if grep -q " ERROR " "$data/server.log" 2>/dev/null; then
    cp "$data/server.log" /tmp/gatehouse-bench-server.log
    echo "the server logged errors: /tmp/gatehouse-bench-server.log" >&2
  fi
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  mariadb -h 127.0.0.1 -u root -e "DROP DATABASE IF EXISTS $db" || true
  rm -rf "$data"
}
trap cleanup EXIT
java ${JAVA_OPTS:--Xmx512m} -jar server/target/quarkus-app/quarkus-run.jar start --http-port "$port" --data-dir "$data" \
  --db-url "jdbc:mariadb://127.0.0.1:3306/$db${DB_PARAMS:+?$DB_PARAMS}" --db-username root \
  --master-key "$(head -c 32 /dev/urandom | base64)" \
  --bootstrap-admin-access-key-id "$key_id" --bootstrap-admin-secret-access-key "$secret" \
  --bootstrap-admin-password 'Bench-Admin-Pw-1' > "$data/server.log" 2>&1 &
server=$!
for _ in $(seq 1 60); do grep -q "listening" "$data/server.log" && break; sleep 1; done
grep -q "listening" "$data/server.log" || { cat "$data/server.log"; exit 1; }
