#!/usr/bin/env bash
# CNR benchmarks; `make bench` runs this after Benchmarks/run.sh. Writes its figures
# into Benchmarks/RESULTS.md between `<!-- make bench cnr: begin ... -->` and `<!-- make bench cnr: end -->`
# (text outside them is kept). Only 127.0.0.1 is used.
#
# Set-up: two release `ewp-node serve` processes, A (HEI bench-a.example.org) and B (bench-b.example.org),
# each with its own keys and SQLite file, and a fake partner P (Scripts/fake_partner.py, HEI
# bench-p.example.org, only the IIAs v7 API: it verifies every request and serves `iias get`, 3 ids per
# call). One catalogue lists all three (Scripts/build_catalogue.py), served by Scripts/test_registry.py.
#
#  1. Outbox throughput: while A runs, `ewp-bench-cnr outbox` first delivers a warm-up round of
#     EWP_BENCH_CNR_WARMUP (500) rows, then queues EWP_BENCH_CNR_ROWS (10,000) iia-cnr rows for partner B
#     in A's database with ONE EWPStore enqueue call (distinct iia ids, due at once),
#     then polls the queue summary and A's /proc/PID/status every 100 ms until none is pending. Figures:
#     rows delivered per second (first to last finishedAt), every row's final state, A's RSS before
#     queueing against its peak while delivering (VmHWM reset through /proc/PID/clear_refs before
#     queueing, the largest VmRSS sample, VmRSS at each tenth of the rows), CPU time per CNR of A and of B
#     (from /proc). B answers each CNR and queues an inbound row; it then pulls those IIAs from A's
#     `iias get` (A holds none of them: B records them as deleted), or, on a node without an IIAs API,
#     records them `unsupported` (reported, with the pulls A answered and how long B took).
#  2. Inbound: wrk (-t1, Benchmarks/cnr.lua) sends pre-signed iia-cnr POSTs (Benchmarks/presign.py,
#     `iia_id=<distinct id>`, signed with P's client key, `Accept-Signature: rsa-sha256`) to B, while B's
#     puller pulls them from P in the background. First EWP_BENCH_CNR_PACED_RUNS (3) runs paced at
#     EWP_BENCH_CNR_RATE (1,000) requests/s on EWP_BENCH_CNR_PACED_CONNECTIONS (64) connections (cnr.lua hands out send slots on a schedule: the
#     goal "1,000 CNRs/s answered with p99 <= 10 ms" measured directly), then closed loops (as fast as B
#     answers) on each of EWP_BENCH_CNR_CONNECTIONS ("4 16"). Each run EWP_BENCH_CNR_DURATION (10) s.
#     Figures per run: requests/s, p50/p99, non-2xx, B's own time per CNR (`duration_ms` of its request
#     log: p50/p99/max), B's CPU time per request, the pulls P answered
#     during the run (from P's request log), the inbound rows B finished during it, the backlog after it;
#     at the end how long B took to finish the backlog.
#  In every part, each node's fsync/fdatasync calls (SQLite WAL checkpoints) are counted and timed with
#  `perf record` on the syscall tracepoints when perf is installed. EWP_BENCH_CNR_DB_DIR=/dev/shm puts the
#  SQLite files on tmpfs (fsync free): run both to see what the disk's fsyncs cost.
#  With EWP_BENCH_CNR_PERF=1 (and perf installed), `perf record -g` samples A and B during the outbox run
#  and B during the first paced run, and the heaviest shared objects and symbols are appended (=dwarf: DWARF
#  call chains, for `perf report --children` by hand on the files EWP_BENCH_KEEP=1 keeps).
#  EWP_BENCH_ENGINE=postgres: the same on PostgreSQL, A and B each with its own database of one throw-away
#  server the script starts (Benchmarks/postgres.sh, 127.0.0.1 only), written between
#  `<!-- make bench cnr postgres: begin ... -->` and `<!-- make bench cnr postgres: end -->`.
# Needs: release build (ewp-node, ewp-bench-cnr), wrk, openssl, python3 with `cryptography` (make py-deps).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
PY=${EWP_TEST_PYTHON:-python3}
BIN=${EWP_NODE_BINARY:-$REPO/.build/release/ewp-node}
BENCH=$(dirname "$BIN")/ewp-bench-cnr
ROWS=${EWP_BENCH_CNR_ROWS:-10000}
WARMUP=${EWP_BENCH_CNR_WARMUP:-500}
DURATION=${EWP_BENCH_CNR_DURATION:-10}
CLOSED_CONNECTIONS=${EWP_BENCH_CNR_CONNECTIONS:-4 16}
RATE=${EWP_BENCH_CNR_RATE:-1000}
PACED_CONNECTIONS=${EWP_BENCH_CNR_PACED_CONNECTIONS:-64}   # enough that a slow answer does not hold back the schedule
PACED_RUNS=${EWP_BENCH_CNR_PACED_RUNS:-3}   # the goal's run, repeated: on a shared machine one run is one sample
MAX_RATE=${EWP_BENCH_CNR_MAX_RATE:-3500}   # pre-signed per closed-loop second (more than B can answer)
DRAIN_TIMEOUT=${EWP_BENCH_CNR_DRAIN_TIMEOUT:-300}
PERF=${EWP_BENCH_CNR_PERF:-}
RESULTS=${EWP_BENCH_RESULTS:-$REPO/Benchmarks/RESULTS.md}
ENGINE=${EWP_BENCH_ENGINE:-sqlite}
COMMAND="make bench  (bash Benchmarks/cnr.sh; ${EWP_BENCH_ENGINE:+EWP_BENCH_ENGINE=$ENGINE }${EWP_BENCH_CNR_DB_DIR:+EWP_BENCH_CNR_DB_DIR=$EWP_BENCH_CNR_DB_DIR }EWP_BENCH_CNR_ROWS=$ROWS EWP_BENCH_CNR_WARMUP=$WARMUP EWP_BENCH_CNR_DURATION=$DURATION EWP_BENCH_CNR_RATE=$RATE EWP_BENCH_CNR_PACED_CONNECTIONS=$PACED_CONNECTIONS EWP_BENCH_CNR_PACED_RUNS=$PACED_RUNS EWP_BENCH_CNR_CONNECTIONS=\"$CLOSED_CONNECTIONS\"${PERF:+ EWP_BENCH_CNR_PERF=$PERF})"

log() { echo "[bench-cnr $(date -u +%H:%M:%S)] $*" >&2; }
[ -x "$BIN" ] || { echo "cnr.sh: $BIN missing: run 'swift build -c release' (make bench does)" >&2; exit 1; }
if [ ! -x "$BENCH" ]; then
  log "building ewp-bench-cnr"
  swift build -c release --product ewp-bench-cnr >&2
fi
for tool in wrk openssl curl; do command -v $tool >/dev/null || { echo "cnr.sh: $tool missing (make deps)" >&2; exit 1; }; done
"$PY" -c 'import cryptography' || { echo "cnr.sh: $PY lacks cryptography (make py-deps)" >&2; exit 1; }
if [ -n "$PERF" ] && ! command -v perf >/dev/null; then log "perf not installed: no profile"; PERF=""; fi

WORK=$(mktemp -d /tmp/ewp-bench-cnr.XXXXXX)
# Where the nodes' SQLite files live (EWP_BENCH_CNR_DB_DIR, default beside the other files on disk; e.g.
# /dev/shm puts them on tmpfs, where fsync costs nothing: a view of what the disk's fsyncs cost).
DB=${EWP_BENCH_CNR_DB_DIR:+$(mktemp -d "$EWP_BENCH_CNR_DB_DIR/ewp-bench-cnr-db.XXXXXX")}
DB=${DB:-$WORK}
PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  stop_postgres
  if [ -n "${EWP_BENCH_KEEP:-}" ]; then echo "files kept in $WORK $DB" >&2; else rm -rf "$WORK" "$DB"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
load() { cut -d' ' -f1-3 /proc/loadavg; }
free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
CLK_TCK=$(getconf CLK_TCK)
ms_per() { awk -v a="$1" -v b="$2" -v n="$3" -v t="$CLK_TCK" 'BEGIN { printf "%.3f", (n > 0) ? (b - a) / t * 1000 / n : 0 }'; }
lines() { wc -l < "$1"; }
# Requests a node logged (JSON "request" lines) between two line counts of its log, whose path ends with
# SUFFIX: "N requests, server time p50 X / p99 Y / max Z ms" (duration_ms: routing to answer, in the node).
log_stats() {    # log_stats LOG FROM TO SUFFIX
  sed -n "$(($2 + 1)),$3p" "$1" | "$PY" -c '
import json, sys
suffix = sys.argv[1]
d = sorted(float(e["duration_ms"]) for e in map(json.loads, filter(str.strip, sys.stdin))
           if e.get("message") == "request" and e.get("path", "").endswith(suffix))
if not d:
    print("0 requests")
else:
    q = lambda p: d[min(len(d) - 1, int(p * len(d)))]
    print("%d requests, server time p50 %.2f / p99 %.2f / max %.2f ms" % (len(d), q(0.5), q(0.99), d[-1]))' "$4"
}
kv() { awk -F= -v k="$1" '$1 == k { sub(/^[^=]*=/, ""); print; exit }' "$2"; }

# Each node's EWP_DATABASE: a SQLite file in $DB, or a database of the script's PostgreSQL server.
source Benchmarks/postgres.sh
if [ "$ENGINE" = postgres ]; then
  start_postgres
  log "$PG_VERSION on 127.0.0.1:$PG_PORT"
  DATABASE_a=$(postgres_database bench_a)
  DATABASE_b=$(postgres_database bench_b)
  STORE_TEXT="each node's database on one PostgreSQL server of this run ($PG_VERSION, 127.0.0.1, default settings, fsync on; the nodes' pools: 10 connections each)"
else
  DATABASE_a=sqlite:$DB/a.sqlite
  DATABASE_b=sqlite:$DB/b.sqlite
  STORE_TEXT="the nodes' SQLite files on $(df --output=fstype "$DB" | tail -n1) (under ${EWP_BENCH_CNR_DB_DIR:-/tmp})"
fi

A=bench-a.example.org
B=bench-b.example.org
P=bench-p.example.org
A_PORT=$(free_port)
B_PORT=$(free_port)
while [ "$B_PORT" = "$A_PORT" ]; do B_PORT=$(free_port); done
node_env() {   # node_env NAME PORT HEI: the EWP_* settings of one node, as env arguments
  echo "EWP_KEYS_DIR=$WORK/keys-$1 EWP_HEIS=$3 EWP_ADMIN_EMAIL=ewp-admin@$3 EWP_PUBLIC_URL=http://127.0.0.1:$2"
  local database=DATABASE_$1
  echo "EWP_LISTEN=127.0.0.1:$2 EWP_DATABASE=${!database} EWP_REGISTRY_REFRESH=300"
  echo "EWP_ALLOW_HTTP=loopback"   # registry, fake partner and nodes are plain http on 127.0.0.1
  [ -d "$REPO/Schemas" ] && echo "EWP_SCHEMAS_DIR=$REPO/Schemas"
  return 0
}

# --- set-up: keys, manifests, fake partner P, catalogue, registry, nodes A and B ----------------------
log "keys and manifests of A ($A, port $A_PORT) and B ($B, port $B_PORT)"
for node in a b; do
  if [ $node = a ]; then port=$A_PORT hei=$A; else port=$B_PORT hei=$B; fi
  (cd "$WORK" && env $(node_env $node $port $hei) "$BIN" keys generate >/dev/null)
  (cd "$WORK" && env $(node_env $node $port $hei) "$BIN" manifest --hei $hei) > "$WORK/manifest-$node.xml"
done
for role in client server; do
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/p-$role.key.pem" 2>/dev/null
done
"$PY" Scripts/fake_partner.py --hei $P --apis iias --watch-parent --server-key "$WORK/p-server.key.pem" \
  --client-key "$WORK/p-client.key.pem" --catalogue "$WORK/catalogue-v1.xml" --manifest-out "$WORK/manifest-p.xml" \
  > "$WORK/partner.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 600); do P_PORT=$(sed -n 's/^port=\([0-9]*\)$/\1/p' "$WORK/partner.log" 2>/dev/null | head -n1); [ -n "$P_PORT" ] && break; sleep 0.1; done
[ -n "${P_PORT:-}" ] || { echo "fake partner did not start:"; cat "$WORK/partner.log"; exit 1; }
"$PY" Scripts/build_catalogue.py --manifest "$WORK/manifest-a.xml" --manifest "$WORK/manifest-b.xml" \
  --manifest "$WORK/manifest-p.xml" --out "$WORK/catalogue-v1.xml"
"$PY" Scripts/test_registry.py --catalogue "$WORK/catalogue-v1.xml" --port 0 > "$WORK/registry.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 600); do REG_PORT=$(head -n1 "$WORK/registry.log" 2>/dev/null | tr -dc 0-9 || true); [ -n "$REG_PORT" ] && break; sleep 0.1; done
[ -n "${REG_PORT:-}" ] || { echo "registry did not start:"; cat "$WORK/registry.log"; exit 1; }
REGISTRY=EWP_REGISTRY_URL=http://127.0.0.1:$REG_PORT/catalogue-v1.xml

start_node() {   # start_node NAME PORT HEI: starts `ewp-node serve`, sets NODE_PID
  (cd "$WORK" && exec env $(node_env $1 $2 $3) $REGISTRY "$BIN" serve) > "$WORK/node-$1.log" 2>&1 &
  NODE_PID=$!
  PIDS+=($NODE_PID)
}
wait_ready() {   # wait_ready PORT PID NAME
  for _ in $(seq 600); do
    curl -fsS -o /dev/null "http://127.0.0.1:$1/health/ready" 2>/dev/null && return 0
    kill -0 "$2" 2>/dev/null || break
    sleep 0.05
  done
  echo "node $3 not ready:"; tail -50 "$WORK/node-$3.log"; exit 1
}
log "starting A and B ($BIN serve), fake partner P on port $P_PORT, registry on $REG_PORT"
start_node a $A_PORT $A; A_PID=$NODE_PID
start_node b $B_PORT $B; B_PID=$NODE_PID
wait_ready $A_PORT $A_PID a
wait_ready $B_PORT $B_PID b
sleep 2

declare -A PERF_PIDS
perf_start() {   # perf_start PID NAME: samples PID until perf_stop NAME
  [ -n "$PERF" ] || return 0
  if [ "$PERF" = dwarf ]; then   # full Swift call chains (libcrypto has no frame pointers); big files
    perf record -F 199 --call-graph dwarf,16384 -p "$1" -o "$WORK/perf-$2.data" > "$WORK/perf-$2.log" 2>&1 &
  else
    perf record -F 499 -g -p "$1" -o "$WORK/perf-$2.data" > "$WORK/perf-$2.log" 2>&1 &
  fi
  PERF_PIDS[$2]=$!
}
perf_stop() {    # perf_stop NAME: ends the sampling
  [ -n "$PERF" ] || return 0
  kill -INT "${PERF_PIDS[$1]}" 2>/dev/null || true; wait "${PERF_PIDS[$1]}" 2>/dev/null || true
}
# fsync/fdatasync of a node while it runs (SQLite's WAL checkpoints; the writer waits for them), from
# `perf record` on the syscall tracepoints when perf is installed (negligible overhead).
declare -A TRACE_PIDS
FSYNC_EVENTS=syscalls:sys_enter_fsync,syscalls:sys_exit_fsync,syscalls:sys_enter_fdatasync,syscalls:sys_exit_fdatasync
TRACE=$(command -v perf >/dev/null && perf record -q -e "$FSYNC_EVENTS" -o /dev/null -- true >/dev/null 2>&1 && echo 1 || true)
trace_start() {  # trace_start PID NAME
  [ -n "$TRACE" ] || return 0
  perf record -q -e "$FSYNC_EVENTS" -p "$1" -o "$WORK/trace-$2.data" > /dev/null 2>&1 &
  TRACE_PIDS[$2]=$!
}
trace_stop() {   # trace_stop NAME: sets FSYNCS to "N calls, T ms in all, max M ms, K over 5 ms" (not in a subshell: it waits for perf)
  FSYNCS="not traced (perf missing)"
  [ -n "$TRACE" ] || return 0
  kill -INT "${TRACE_PIDS[$1]}" 2>/dev/null || true; wait "${TRACE_PIDS[$1]}" 2>/dev/null || true
  FSYNCS=$(perf script -i "$WORK/trace-$1.data" -F tid,time,event 2>/dev/null | awk '
    { t = $2; sub(/:$/, "", t) }
    $3 ~ /sys_enter_/ { start[$1] = t }
    $3 ~ /sys_exit_/ && ($1 in start) { d = (t - start[$1]) * 1000; delete start[$1]; n++; sum += d; if (d > m) m = d; if (d > 5) k++ }
    END { printf "%d calls, %.0f ms in all, max %.1f ms, %d over 5 ms", n, sum, m, k }')
}
demangle() { if command -v swift >/dev/null; then swift demangle --simplified; else cat; fi; }
perf_summary() { # perf_summary NAME: the heaviest shared objects and symbols into perf-NAME.txt
  perf report -i "$WORK/perf-$1.data" --no-children --sort dso --stdio -g none > "$WORK/perf-$1.dso" 2>/dev/null || true
  perf report -i "$WORK/perf-$1.data" --no-children --sort dso,sym --stdio -g none > "$WORK/perf-$1.sym" 2>/dev/null || true
  { echo "shared objects (self time):"
    grep -E '^ +[0-9]' "$WORK/perf-$1.dso" | sed -n 1,12p
    echo; echo "symbols (self time):"
    grep -E '^ +[0-9]' "$WORK/perf-$1.sym" | sed -n 1,25p | demangle | cut -c1-160
    if [ "$PERF" = dwarf ]; then
      perf report -i "$WORK/perf-$1.data" --children --sort sym --stdio -g none > "$WORK/perf-$1.children" 2>/dev/null || true
      echo; echo "the node's own code, inclusive time (children):"
      grep -E '^ +[0-9]' "$WORK/perf-$1.children" | demangle | grep -E 'EWP|SQLiteStore|SQLiteQueueRows|QueueProcessor|Outbox|Inbound|RequestSigner|ResponseSigner|ResponseVerifier|RSAP|JSONLogHandler|NodeRuntime|NodeResponder|CurlDriver|SyncRegistration|PartnerDirectory|IIAHash|XMLReader|XMLWriter' \
        | grep -v '(inlined)\|partial apply\|thunk' | awk '!seen[substr($0, index($0, "[.]"))]++' | sed -n 1,30p | cut -c1-160
    fi
  } > "$WORK/perf-$1.txt"
}

# --- 1. outbox throughput -------------------------------------------------------------------------
LOAD_OUTBOX=$(load)
log "outbox: queueing $ROWS rows for $B in A's database (load average $LOAD_OUTBOX)"
A_T0=$(cpu_ticks $A_PID); B_T0=$(cpu_ticks $B_PID); A_L0=$(lines "$WORK/node-a.log"); B_L0=$(lines "$WORK/node-b.log")
perf_start $A_PID outbox-a
trace_start $A_PID outbox-a
trace_start $B_PID outbox-b
perf_start $B_PID outbox-b
OUTBOX_STATUS=0
"$BENCH" outbox --database "$DATABASE_a" --local $A --partner $B --count "$ROWS" --warmup "$WARMUP" --pid $A_PID \
  > "$WORK/outbox.out" || OUTBOX_STATUS=$?
perf_stop outbox-a
perf_stop outbox-b
trace_stop outbox-a; FSYNC_A=$FSYNCS
trace_stop outbox-b; FSYNC_B=$FSYNCS
A_T1=$(cpu_ticks $A_PID); B_T1=$(cpu_ticks $B_PID)
LOAD_OUTBOX_END=$(load)
cat "$WORK/outbox.out" >&2
A_CPU=$(ms_per "$A_T0" "$A_T1" $((ROWS + WARMUP))); B_CPU=$(ms_per "$B_T0" "$B_T1" $((ROWS + WARMUP)))

# B: the inbound rows A's CNRs queued (A publishes no IIAs API, so each ends `unsupported`).
log "B works its inbound queue (rows from A)"
DRAIN_START=$(date +%s.%N)
for _ in $(seq $((DRAIN_TIMEOUT * 2))); do
  "$BENCH" summary --database "$DATABASE_b" --queue inbound --partner $A > "$WORK/b-from-a.out"
  [ "$(kv pending "$WORK/b-from-a.out")" = 0 ] && break
  sleep 0.5
done
B_FROM_A_S=$(awk -v a="$DRAIN_START" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
B_FROM_A=$(kv states "$WORK/b-from-a.out")
A_PULLS=$(log_stats "$WORK/node-a.log" "$A_L0" "$(lines "$WORK/node-a.log")" /iias/get)
B_OUTBOX_CNRS=$(log_stats "$WORK/node-b.log" "$B_L0" "$(lines "$WORK/node-b.log")" /iia-cnr)

log "B's inbound rows from A: $B_FROM_A ($B_FROM_A_S s after the outbox run)"

# --- 2. inbound CNRs to B while B pulls from P ----------------------------------------------------
CNR_URL=$("$PY" - "$WORK/manifest-b.xml" <<'EOF'
import sys, xml.etree.ElementTree as ET
ns = "{https://github.com/erasmus-without-paper/ewp-specs-api-iia-cnr/blob/stable-v3/manifest-entry.xsd}"
for e in ET.parse(sys.argv[1]).getroot().iter(ns + "iia-cnr"):
    print(e.find(ns + "url").text.strip()); break
EOF
)
[ -n "$CNR_URL" ] || { echo "B's manifest has no iia-cnr entry"; exit 1; }
CNR_PATH=/${CNR_URL#http*://*/}
log "B's iia-cnr endpoint: $CNR_URL"

# P serves a real IIA for the first 100 ids of each run (the rest are unknown: B records them deleted).
partner_objects() {   # partner_objects PREFIX
  "$PY" - "$P_PORT" "$1" "$P" "$B" <<'EOF'
import http.client, json, sys
port, prefix, p, b = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
for i in range(100):
    iid = "%s%d" % (prefix, i)
    xml = ("<iia><partner><hei-id>%s</hei-id><iia-id>%s</iia-id><iia-code>%s-code</iia-code></partner>"
           "<partner><hei-id>%s</hei-id></partner><in-effect>false</in-effect><cooperation-conditions/>"
           "<iia-hash>%s</iia-hash></iia>") % (p, iid, iid, b, "0" * 64)
    c.request("POST", "/control/objects", json.dumps({"api": "iias", "id": iid, "xml": xml}), {"Content-Type": "application/json"})
    r = c.getresponse(); r.read()
    assert r.status == 200, r.status
EOF
}
# P's answered `iias get` calls with received_at in [since, until].
partner_pulls() {
  curl -fsS "http://127.0.0.1:$P_PORT/control/log" | "$PY" -c '
import json, sys
since, until = float(sys.argv[1]), float(sys.argv[2])
log = [e for e in json.load(sys.stdin) if e["path"] == "/iias/get" and since <= e["received_at"] <= until]
print(len(log), sum(1 for e in log if e["status"] == 200),
      sum(1 for e in log if e["status"] == 200 for k, _ in e["params"] if k == "iia_id"))' "$1" "$2"
}

RUN_ROWS=()
run_inbound() {   # run_inbound NAME CONNECTIONS RATE(0 = closed loop)
  local name=$1 conns=$2 rate=$3 count prefix t0 t1 b0 b1 rps p50 p99 total non2xx errors pulls
  if [ "$rate" -gt 0 ]; then count=$((rate * DURATION * 12 / 10 + 1000)); else count=$((MAX_RATE * DURATION + 2000)); fi
  prefix="bench-in-$name-"
  log "inbound $name: pre-signing $count CNRs"
  "$PY" Benchmarks/presign.py --key "$WORK/p-client.key.pem" --host "127.0.0.1:$B_PORT" --path "$CNR_PATH" \
    --body "iia_id=$prefix%d" --count "$count" --out "$WORK/cnr-$name.tsv"
  partner_objects "$prefix"
  local load_before; load_before=$(load)
  log "inbound $name: wrk -t1 -c$conns -d${DURATION}s$([ "$rate" -gt 0 ] && echo " paced at $rate/s") (load average $load_before)"
  if [ "$name" = "paced$RATE-1" ]; then perf_start $B_PID inbound-b; fi
  trace_start $B_PID inbound-$name
  t0=$(date +%s.%N); b0=$(cpu_ticks $B_PID); local l0; l0=$(lines "$WORK/node-b.log")
  EWP_BENCH_REQUESTS=$WORK/cnr-$name.tsv EWP_BENCH_THREADS=1 EWP_BENCH_RATE=$([ "$rate" -gt 0 ] && echo "$rate") \
    wrk -t1 -c"$conns" -d"${DURATION}s" --latency --timeout 10s -s Benchmarks/cnr.lua "http://127.0.0.1:$B_PORT" \
    > "$WORK/wrk-$name.out" 2>&1
  t1=$(date +%s.%N); b1=$(cpu_ticks $B_PID); local l1; l1=$(lines "$WORK/node-b.log")
  if [ "$name" = "paced$RATE-1" ]; then perf_stop inbound-b; fi
  trace_stop inbound-$name; local fsyncs=$FSYNCS
  cat "$WORK/wrk-$name.out" >&2
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$WORK/wrk-$name.out")
  p50=$(awk '$1 == "50%" {print $2}' "$WORK/wrk-$name.out")
  p99=$(awk '$1 == "99%" {print $2}' "$WORK/wrk-$name.out")
  total=$(awk '/requests in/ {print $1}' "$WORK/wrk-$name.out")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$WORK/wrk-$name.out"); non2xx=${non2xx:-0}
  errors=$(awk -F': ' '/Socket errors:/ {print $2}' "$WORK/wrk-$name.out")
  read -r pulls pulls_ok ids < <(partner_pulls "$t0" "$t1")
  "$BENCH" summary --database "$DATABASE_b" --queue inbound --partner $P --since "$t0" --until "$t1" > "$WORK/b-$name.out"
  local p99ms goal
  p99ms=$(echo "$p99" | awk '/us$/ { printf "%.3f", $1 / 1000; next } /ms$/ { printf "%.3f", $1 + 0; next } /s$/ { printf "%.3f", $1 * 1000; next } { print 999999 }')
  # Paced runs send exactly on the schedule; wrk divides by its own run time, start-up included, so 99 % of
  # the target counts as the target there. A closed loop must reach the target itself.
  goal=$(awk -v r="$rps" -v p="$p99ms" -v t="$RATE" -v paced="$rate" 'BEGIN { min = (paced > 0) ? 0.99 * t : t; print (r >= min && p <= 10) ? "met" : "NOT met" }')
  RUN_ROWS+=("| $name | $conns | $([ "$rate" -gt 0 ] && echo "paced $rate/s" || echo "closed loop") | $rps | $p50 / $p99 | $total / $non2xx${errors:+ (socket errors: $errors)} | $(log_stats "$WORK/node-b.log" "$l0" "$l1" /iia-cnr | sed 's/.*server time //') | $(ms_per "$b0" "$b1" "$total") | $pulls_ok / $pulls ($ids ids) | $(kv delivered_in_window "$WORK/b-$name.out") | $(kv pending "$WORK/b-$name.out") | $fsyncs | $load_before | $goal |")
  log "inbound $name: $rps req/s, p50 $p50, p99 $p99, $non2xx non-2xx; pulls answered during the run: $pulls_ok; B backlog $(kv pending "$WORK/b-$name.out")"
}

for i in $(seq "$PACED_RUNS"); do run_inbound paced$RATE-$i "$PACED_CONNECTIONS" "$RATE"; done
for c in $CLOSED_CONNECTIONS; do run_inbound c$c "$c" 0; done

log "B finishes its inbound backlog (pulls from P)"
DRAIN_START=$(date +%s.%N)
"$BENCH" summary --database "$DATABASE_b" --queue inbound --partner $P > "$WORK/b-backlog.out"
BACKLOG=$(kv pending "$WORK/b-backlog.out")
for _ in $(seq $((DRAIN_TIMEOUT * 2))); do
  "$BENCH" summary --database "$DATABASE_b" --queue inbound --partner $P > "$WORK/b-final.out"
  [ "$(kv pending "$WORK/b-final.out")" = 0 ] && break
  sleep 0.5
done
DRAIN_END=$(date +%s.%N)
DRAIN_S=$(awk -v a="$DRAIN_START" -v b="$DRAIN_END" 'BEGIN { printf "%.1f", b - a }')
read -r DRAIN_PULLS DRAIN_PULLS_OK DRAIN_IDS < <(partner_pulls "$DRAIN_START" "$DRAIN_END")
B_FINAL=$(kv states "$WORK/b-final.out")
"$BENCH" copies --database "$DATABASE_b" --api iias --local $B --partner $P > "$WORK/b-copies.out"
COPIES="$(kv copies "$WORK/b-copies.out") partner copies of P's IIAs stored ($(kv with_document "$WORK/b-copies.out") with a document, $(kv with_hash "$WORK/b-copies.out") with our iia-hash)"
log "backlog $BACKLOG rows finished in $DRAIN_S s; final inbound states from P: $B_FINAL; $COPIES"
RSS_A=$(awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' /proc/$A_PID/status)
RSS_B=$(awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' /proc/$B_PID/status)
HWM_B=$(awk '/^VmHWM:/ {printf "%.1f", $2 / 1024}' /proc/$B_PID/status)
EXIT_A=0; kill -TERM $A_PID; wait $A_PID || EXIT_A=$?
EXIT_B=0; kill -TERM $B_PID; wait $B_PID || EXIT_B=$?

# --- results --------------------------------------------------------------------------------------
if [ -n "$PERF" ]; then log "perf reports"; for name in outbox-a outbox-b inbound-b; do perf_summary $name; done; fi
CPU=$(awk -F: '/model name/ {gsub(/^ +/, "", $2); print $2; exit}' /proc/cpuinfo)
O() { kv "$1" "$WORK/outbox.out"; }
OUTBOX_VERDICT=$([ "$OUTBOX_STATUS" = 0 ] && echo "every row delivered" || echo "NOT every row delivered (exit $OUTBOX_STATUS)")
{
  echo "# CNR benchmarks$([ "$ENGINE" = postgres ] && echo " on PostgreSQL")"
  echo
  echo "Produced by: \`$COMMAND\`"
  echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'); $(nproc) cores ($CPU);"
  echo "release \`ewp-node serve\` processes on 127.0.0.1, plain HTTP; every request and answer RSA-signed (cliauth/srvauth-httpsig);"
  echo "$STORE_TEXT."
  echo "Load average (1/5/15 min) when the script started: $LOAD_START; other work on the machine skews every figure below."
  echo
  echo "## Outbox throughput: $ROWS queued CNRs from node A to node B"
  echo
  echo "One \`enqueue\` of $ROWS iia-cnr rows (distinct iia ids, due at once) into A's database while A runs"
  echo "(\`ewp-bench-cnr outbox\`); A's dispatcher sends them to B, a second release node, with its default settings"
  echo "(claims 64 rows at a time, 8 sends in flight)."
  echo
  echo "| figure | value |"
  echo "|---|---|"
  echo "| load average at start / end of this part | $LOAD_OUTBOX / $LOAD_OUTBOX_END |"
  echo "| warm-up round first (not in the figures below except CPU time) | $(O warmup) |"
  echo "| enqueue of $ROWS rows (one transaction) | $(O enqueue_ms) ms |"
  echo "| **delivered per second** (first to last finishedAt) | **$(O delivered_per_s)** ($(O first_to_last_s) s; $(O enqueue_to_last_s) s from the enqueue to the last) |"
  echo "| deliveries in each whole second: min / median / max | $(O per_second_min_median_max) |"
  echo "| deliveries in each second, in order | $(O per_second) |"
  echo "| final states of the $ROWS rows | $(O states) ($OUTBOX_VERDICT) |"
  echo "| A's RSS before queueing (VmRSS; VmHWM since start-up) | $(O rss_before_mb) MB ($(O hwm_before_mb) MB) |"
  echo "| A's peak RSS while delivering (VmHWM after a reset through clear_refs: $(O peak_reset)) | $(O hwm_run_mb) MB (+$(O peak_growth_mb) MB) |"
  echo "| largest VmRSS of $(O rss_samples) samples (every 100 ms) / VmRSS after | $(O rss_max_sample_mb) / $(O rss_after_mb) MB |"
  echo "| A's VmRSS at 0, 10, 20 … 100 % of the rows delivered | $(O rss_by_tenth_mb) MB |"
  echo "| CPU time per CNR (utime+stime over warm-up and measured rows): A sending / B answering and working its inbound row | $A_CPU ms / $B_CPU ms |"
  echo "| fsync/fdatasync calls during this part (perf record on the syscall tracepoints): A / B | $FSYNC_A / $FSYNC_B |"
  echo "| B's own time per CNR from A (its request log, duration_ms) | $B_OUTBOX_CNRS |"
  echo "| B's inbound rows from A (warm-up included; B pulls them from A's \`iias get\`: A holds none, so each is recorded deleted; a node without an IIAs API would make them \`unsupported\`) | $B_FROM_A; the last finished $B_FROM_A_S s after the outbox run |"
  echo "| \`iias get\` calls A answered for B during this part (A's request log) | $A_PULLS |"
  echo
  echo "## Inbound: CNRs to node B while B pulls from a partner"
  echo
  echo "wrk 4.1 -t1 (Benchmarks/cnr.lua) sends pre-signed iia-cnr POSTs (Benchmarks/presign.py: \`iia_id=<distinct id>\`,"
  echo "unique X-Request-Id, signed with fake partner P's client key, \`Accept-Signature: rsa-sha256\`) to B for ${DURATION} s per run."
  echo "B answers each with its signed empty response after queueing the id; its puller pulls P's \`iias get\`"
  echo "(Scripts/fake_partner.py, Python, 3 ids per call; P holds an IIA for the first 100 ids of each run, the rest"
  echo "are recorded as deleted). \"paced\": cnr.lua hands out send slots at the given rate (open loop; a connection"
  echo "whose slot has passed sends at once, so requests/s below the rate means B did not keep up); \"closed loop\": each"
  echo "connection sends its next request when the answer arrives. Goal: ≥ $RATE CNRs/s answered with p99 ≤ 10 ms"
  echo "(a paced run meets the rate at ≥ 99 % of it: wrk's requests/s includes its start-up). \"B's own time\": from B's"
  echo "request log (routing to answer inside the node, without the HTTP and the machine's scheduling around it)."
  echo
  echo "| run | connections | sending | requests/s | p50 / p99 | requests / non-2xx | B's own time per CNR (request log): p50 / p99 / max | B CPU ms per CNR | pulls P answered during the run / received (ids) | B's inbound rows pulled during the run | B's backlog after the run | B's fsync/fdatasync calls during the run | load average before | goal |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  for row in "${RUN_ROWS[@]}"; do echo "$row"; done
  echo
  echo "After the runs: B's backlog of $BACKLOG rows took $DRAIN_S s to finish ($DRAIN_PULLS_OK pulls answered by P in that time, $DRAIN_IDS ids);"
  echo "final states of B's inbound rows from P: $B_FINAL; $COPIES."
  echo "RSS at the end: A $RSS_A MB, B $RSS_B MB (B's peak $HWM_B MB). Exit status after SIGTERM: A $EXIT_A, B $EXIT_B."
  echo "wrk, the fake partner (Python) and both nodes share the same 2 cores."
  if [ -n "$PERF" ]; then
    echo
    echo "## perf (\`perf record\` $([ "$PERF" = dwarf ] && echo "-F 199 --call-graph dwarf" || echo "-F 499 -g"), self time; the runs above were profiled, which slows them)"
    echo
    echo "Node A during the outbox run:"
    echo; echo '```'; cat "$WORK/perf-outbox-a.txt"; echo '```'
    echo
    echo "Node B during the outbox run:"
    echo; echo '```'; cat "$WORK/perf-outbox-b.txt"; echo '```'
    echo
    echo "Node B during the first paced inbound run:"
    echo; echo '```'; cat "$WORK/perf-inbound-b.txt"; echo '```'
  fi
  echo
  echo "## wrk output"
  for f in "$WORK"/wrk-*.out; do echo; echo "$(basename "$f" .out):"; echo; echo '```'; cat "$f"; echo '```'; done
} > "$WORK/generated.md"

if [ "$ENGINE" = postgres ]; then
  "$PY" Benchmarks/results_block.py "$RESULTS" "$WORK/generated.md" \
    "<!-- make bench cnr postgres: begin (generated by Benchmarks/cnr.sh with EWP_BENCH_ENGINE=postgres; edit only outside these markers) -->" \
    "<!-- make bench cnr postgres: end -->" "<!-- make bench cnr: end -->"
else
  "$PY" Benchmarks/results_block.py "$RESULTS" "$WORK/generated.md" \
    "<!-- make bench cnr: begin (generated by Benchmarks/cnr.sh; edit only outside these markers) -->" "<!-- make bench cnr: end -->" \
    "<!-- make bench: end -->"
fi
log "wrote $RESULTS"
cat "$WORK/generated.md"
[ "$OUTBOX_STATUS" = 0 ]
