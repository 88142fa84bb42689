#!/usr/bin/env bash
# Writes the data directory of a PREVIOUS release for SchemaUpgradeIT: the Derby database that
# release's server created (with hibernate.hbm2ddl.auto=update, before Flyway owned the schema),
# holding one provisioned user and one message stored for that user while offline.
#
# Usage: make-release-data.sh WLP OUT.zip
#   WLP      the Liberty of the old release, built from its commit with
#            `mvn -B package -pl cpm-ear -am -DskipTests -Dfuzz.skip` and copied out of
#            cpm-ear/target/liberty/wlp (a later build of this tree overwrites it)
#   OUT.zip  e.g. cpm-ear/src/test/resources/upgrade/derby-release-0.1.zip
#
# What the test relies on (SchemaUpgradeIT): users alice and bob (passwords <user>-password),
# one message alice -> bob with imdn.Message-ID 'upgrade-fixture-1' waiting in bob's deferred store.
# The message is stored with a 50-year expiry so that the fixture does not go stale.
# Only derby/ is kept: the broker journal and the transaction log of a cleanly stopped server
# carry nothing the upgrade needs, and the broker's preallocated journal would bloat the zip.
set -euo pipefail
WLP=$(cd "$1" && pwd)
OUT=$(realpath -m "$2")
HERE=$(cd "$(dirname "$0")" && pwd)
SIPP_DIR=$HERE/../resources/sipp
SIP=15660 HTTP=19680 BROKER=17216
ADMIN=it-admin-secret-1
WORK=$(mktemp -d /tmp/cpm-release-data.XXXXXX)
DATA=$WORK/data

env CPM_SIP_HOST=127.0.0.1 CPM_SIP_UDP_PORT=$SIP CPM_SIP_TCP_PORT=$SIP CPM_HTTP_PORT=$HTTP \
    CPM_BROKER_PORT=$BROKER CPM_DATA_DIR="$DATA" CPM_DB=derby CPM_ADMIN_PASSWORD=$ADMIN \
    CPM_AUTH_ALGORITHMS=MD5,SHA-256 CPM_DEFERRED_EXPIRY_SECONDS=1576800000 \
    "$WLP/bin/server" run cpm-blackbox >"$WORK/console.log" 2>&1 &
PID=$!
trap '"$WLP/bin/server" stop cpm-blackbox >/dev/null 2>&1 || true; wait $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 360); do
    curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$HTTP/health/ready" && break
    kill -0 $PID || { echo "server exited; see $WORK/console.log" >&2; exit 1; }
    sleep 0.5
done
curl -fs -o /dev/null "http://127.0.0.1:$HTTP/health/ready" || { echo "not ready; see $WORK/console.log" >&2; exit 1; }

for user in alice bob; do
    curl -fs -u "admin:$ADMIN" -H 'Content-Type: application/json' \
        -d "{\"uri\":\"sip:$user@localhost\",\"password\":\"$user-password\",\"displayName\":\"$user\"}" \
        "http://127.0.0.1:$HTTP/admin/v1/users" >/dev/null
done

# bob has no device registered: the MESSAGE is stored (202 Accepted)
sed 's/EXPECTED_STATUS/202/' "$SIPP_DIR/pager-send.xml" >"$WORK/pager-send.xml"
(cd "$WORK" && sipp 127.0.0.1:$SIP -sf pager-send.xml -t u1 -m 1 -i 127.0.0.1 -p 15670 -s bob \
    -timeout 30s -timeout_error -nostdin -key domain localhost -key from_user alice \
    -key message_id upgrade-fixture-1 -key text 'stored by the previous release' \
    -au alice -ap alice-password >"$WORK/sipp.log" 2>&1) || { echo "sipp failed; see $WORK" >&2; exit 1; }
curl -fs -u bob:bob-password "http://127.0.0.1:$HTTP/deferred/v1/bob@localhost/messages" | tee "$WORK/list.json"
echo
grep -q upgrade-fixture-1 "$WORK/list.json"

"$WLP/bin/server" stop cpm-blackbox >/dev/null
wait $PID || true
trap - EXIT
mkdir -p "$(dirname "$OUT")"
rm -f "$OUT"
(cd "$DATA" && zip -q -9 -r "$OUT" derby)
ls -l "$OUT"
echo "work files (console, sipp) in $WORK"
