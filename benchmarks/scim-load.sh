#!/usr/bin/env bash
# Workforce directory benchmark (docs/benchmarks.md): the packaged server on a fresh MariaDB database
# on this machine; ScimLoad provisions USERS users and GROUPS groups (each user in three) through SCIM
# with CLIENTS concurrent clients, then measures filter=userName eq "..." lookups for SECONDS.
# Then (unless ASSIGNMENTS=0) AssignmentLoad creates 20 accounts and 10 permission sets, assigns every
# group one of them in one account, and measures resolving random users' assignments.
# Usage: benchmarks/scim-load.sh [USERS] [GROUPS] [CLIENTS] [SECONDS] [LOOKUP_CLIENTS...]
# (lookups: 1 and 4 clients by default; MariaDB at 127.0.0.1:3306, root, no password)
set -euo pipefail
cd "$(dirname "$0")/.."
users=${1:-100000}
groups=${2:-10000}
clients=${3:-16}
seconds=${4:-60}
shift $(( $# < 4 ? $# : 4 ))
source benchmarks/server.sh
java -cp benchmarks/target/benchmarks.jar io.gatehouse.benchmarks.load.ScimLoad \
  "http://127.0.0.1:$port/" "$key_id" "$secret" "$users" "$groups" "$clients" "$seconds" "$@"
if [ "${ASSIGNMENTS:-1}" = 1 ]; then
  java -cp benchmarks/target/benchmarks.jar io.gatehouse.benchmarks.load.AssignmentLoad \
    "http://127.0.0.1:$port/" "$key_id" "$secret" "jdbc:mariadb://127.0.0.1:3306/$db" 20 10 8 "$seconds"
fi
echo "rows: $(mariadb -h 127.0.0.1 -u root -N -e "SELECT (SELECT COUNT(*) FROM $db.iam_ws_user), (SELECT COUNT(*) FROM $db.iam_ws_group), (SELECT COUNT(*) FROM $db.iam_ws_member), (SELECT COUNT(*) FROM $db.iam_sso_assignment)")"
echo "server heap after the run: $(jcmd "$server" GC.heap_info 2>/dev/null | grep -m1 -o 'used [0-9]*K' || echo n/a)"
