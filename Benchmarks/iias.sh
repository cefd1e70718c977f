#!/usr/bin/env bash
# IIA benchmarks, called by Benchmarks/run.sh (`make bench`); writes its figures into
# Benchmarks/RESULTS.md between `<!-- make bench iias: begin ... -->` and `<!-- make bench iias: end -->`.
#  1. iia-hash: IIAs hashed per second (release `ewp-bench-iiahash`, realistic IIA, 10 cooperation conditions).
#  2. IIAs `index` and `get` over EWP_BENCH_IIA_COUNT (100,000) stored IIAs of one covered HEI spread over
#     EWP_BENCH_IIA_PARTNERS (200) partners: `ewp-bench-iias fill` writes them through EWPStore
#     `commit(ChangeSet)` in the real storage format (the file is kept in Benchmarks/out and reused);
#     a release `ewp-node serve` on 127.0.0.1 (no TLS) with a catalogue listing the partners' client keys;
#     wrk (Benchmarks/echo.lua) sends requests pre-signed by partner 0 (`ewp-bench-iias sign`: unique
#     X-Request-Ids, Accept-Signature: rsa-sha256) on 1 and 4 connections for EWP_BENCH_IIA_DURATION s:
#     `index` (no parameters: the partner's count/partners IIAs), `get` of 10 and `get` of 1 random id(s) of that
#     partner. Every response of every load run is recorded (echo.lua) and its signature verified afterwards
#     (Benchmarks/verify_responses.py): the run fails if one does not.
#     Beside: the node's CPU time per request (/proc) and one RSA-2048 sign + verify (`openssl speed`).
#     EWP_BENCH_IIA_PERF=1 adds a `perf record` of the node during the `get` run on 4 connections.
#  EWP_BENCH_ENGINE=postgres: part 2 on PostgreSQL instead (a throw-away server started by the script,
#  Benchmarks/postgres.sh, 127.0.0.1 only; filled afresh each run), written between
#  `<!-- make bench iias postgres: begin ... -->` and `<!-- make bench iias postgres: end -->`; no iia-hash.
# Only 127.0.0.1 is used. Needs: wrk, openssl, python3 (the test registry, build_catalogue.py).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
PY=${EWP_TEST_PYTHON:-python3}
BIN=${EWP_NODE_BINARY:-$REPO/.build/release/ewp-node}
BENCH=$(dirname "$BIN")/ewp-bench-iias
HASH_BENCH=$(dirname "$BIN")/ewp-bench-iiahash
COUNT=${EWP_BENCH_IIA_COUNT:-100000}
PARTNERS=${EWP_BENCH_IIA_PARTNERS:-200}
DURATION=${EWP_BENCH_IIA_DURATION:-10}
RESULTS=${EWP_BENCH_RESULTS:-$REPO/Benchmarks/RESULTS.md}
ENGINE=${EWP_BENCH_ENGINE:-sqlite}
COMMAND="bash Benchmarks/iias.sh (run by make bench; ${EWP_BENCH_ENGINE:+EWP_BENCH_ENGINE=$ENGINE }EWP_BENCH_IIA_COUNT=$COUNT EWP_BENCH_IIA_PARTNERS=$PARTNERS EWP_BENCH_IIA_DURATION=$DURATION)"

for product in ewp-bench-iias ewp-bench-iiahash; do
  [ -x "$(dirname "$BIN")/$product" ] || swift build -c release --product $product >&2
done
[ -x "$BIN" ] || { echo "iias.sh: $BIN missing: run 'swift build -c release'" >&2; exit 1; }
for tool in wrk openssl curl; do command -v $tool >/dev/null || { echo "iias.sh: $tool missing (make deps)" >&2; exit 1; }; done

source Benchmarks/lib.sh
source Benchmarks/postgres.sh
bench_init iias

HEI=bench-node.example.org
if [ "$ENGINE" = postgres ]; then
  # --- 2. the stored IIAs, in a PostgreSQL database of a server of this run ------------------------
  start_postgres
  DATABASE=$(postgres_database iias)
  log "$PG_VERSION on 127.0.0.1:$PG_PORT; ewp-bench-iias fill: $COUNT IIAs, $PARTNERS partners (load $(load))"
  FILL_OUT="$("$BENCH" fill --database "$DATABASE" --hei "$HEI" --partners "$PARTNERS" --count "$COUNT") (load $(load))"
  log "$FILL_OUT"
else
  # --- 1. iia-hash ---------------------------------------------------------------------------------
  log "$HASH_BENCH 7 (load $(load))"
  HASH_LOAD=$(load)
  HASH_OUT=$("$HASH_BENCH" 7)
  echo "$HASH_OUT" >&2

  # --- 2. the stored IIAs (reused between runs) --------------------------------------------------
  DB_KEPT=$REPO/Benchmarks/out/iias-$COUNT-$PARTNERS.sqlite
  mkdir -p Benchmarks/out
  if [ ! -f "$DB_KEPT.txt" ]; then   # written once the fill is complete (the store closes its WAL on exit)
    log "ewp-bench-iias fill: $COUNT IIAs, $PARTNERS partners (load $(load))"
    rm -f "$DB_KEPT" "$DB_KEPT-wal" "$DB_KEPT-shm"
    FILL_OUT=$("$BENCH" fill --database "$DB_KEPT" --hei "$HEI" --partners "$PARTNERS" --count "$COUNT")
    echo "$FILL_OUT (load $(load))" > "$DB_KEPT.txt"
  fi
  FILL_OUT=$(cat "$DB_KEPT.txt")
  log "$FILL_OUT"
  cp "$DB_KEPT" "$WORK/node.sqlite"   # the node writes to its database: leave the kept one as filled
  DATABASE=sqlite:$WORK/node.sqlite
fi

# --- keys, catalogue, registry, node ---------------------------------------------------------------
PORT=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export EWP_KEYS_DIR=$WORK/keys EWP_HEIS=$HEI EWP_ADMIN_EMAIL=ewp-admin@$HEI
export EWP_PUBLIC_URL=https://127.0.0.1:$PORT EWP_LISTEN=127.0.0.1:$PORT
export EWP_DATABASE=$DATABASE EWP_REGISTRY_REFRESH=300
[ -d "$REPO/Schemas" ] && export EWP_SCHEMAS_DIR=$REPO/Schemas
(cd "$WORK" && "$BIN" keys generate >/dev/null)
(cd "$WORK" && "$BIN" manifest --hei "$HEI") > "$WORK/manifest.xml"
# Partner 0 (the one measured) has its own client key; the other partners share one host and key.
MEASURED=$(printf 'partner-%03d.example.org' 0)
OTHERS=""
for i in $(seq 1 $((PARTNERS - 1))); do OTHERS+=$(printf ',hei=partner-%03d.example.org' "$i"); done
for k in measured others; do
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/$k.key.pem" 2>/dev/null
  openssl pkey -in "$WORK/$k.key.pem" -pubout -out "$WORK/$k.pub.pem"
done
"$PY" Scripts/build_catalogue.py --manifest "$WORK/manifest.xml" \
  --host "hei=$MEASURED,client-key=$WORK/measured.pub.pem" --host "${OTHERS#,},client-key=$WORK/others.pub.pem" \
  --out "$WORK/catalogue-v1.xml"
start_registry

INDEX_PATH=/$(grep -o "https://[^<]*/iias/index" "$WORK/manifest.xml" | head -n1 | cut -d/ -f4-)
GET_PATH=/$(grep -o "https://[^<]*/iias/get" "$WORK/manifest.xml" | head -n1 | cut -d/ -f4-)
log "starting $BIN serve on 127.0.0.1:$PORT (index $INDEX_PATH, get $GET_PATH)"
start_node

# --- probes: each endpoint answers 200, signed, with what the benchmark expects --------------------
sign() {   # sign NAME PATH COUNT [extra ewp-bench-iias sign options]
  local name=$1 path=$2 n=$3; shift 3
  "$BENCH" sign --key "$WORK/measured.key.pem" --host "127.0.0.1:$PORT" --path "$path" --count "$n" --out "$WORK/$name.tsv" "$@"
}
GET_OPTS=(--get-ids 10 --partner 0 --partners "$PARTNERS" --stored "$COUNT")
GET1_OPTS=(--get-ids 1 --partner 0 --partners "$PARTNERS" --stored "$COUNT")
probe() {   # probe TSV: prints "status signed|unsigned count-of-<iia-id>-or-<iia>"
  "$PY" - "$1" "$PORT" <<'EOF'
import sys, http.client, re
method, path, body, *hdrs = open(sys.argv[1]).readline().rstrip("\n").split("\t")
c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[2]), timeout=30)
c.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
for h in hdrs:
    k, v = h.split(": ", 1); c.putheader(k, v)
c.putheader("Content-Length", str(len(body))); c.endheaders(body.encode())
r = c.getresponse(); data = r.read().decode(errors="replace")
n = len(re.findall(r"<iia-id>", data)) if path.endswith("/index") else len(re.findall(r"<iia[ >]", data))
print(r.status, "signed" if r.getheader("Signature") else "unsigned", n, len(data))
if r.status != 200: print(data[:800], file=sys.stderr)
EOF
}
sign probe-index "$INDEX_PATH" 1
sign probe-get "$GET_PATH" 1 "${GET_OPTS[@]}"
sign probe-get1 "$GET_PATH" 1 "${GET1_OPTS[@]}"
read -r S1 G1 N_INDEX B_INDEX < <(probe "$WORK/probe-index.tsv")
read -r S2 G2 N_GET B_GET < <(probe "$WORK/probe-get.tsv")
read -r S3 G3 N_GET1 B_GET1 < <(probe "$WORK/probe-get1.tsv")
log "probe index: HTTP $S1 $G1, $N_INDEX ids, $B_INDEX bytes; get: HTTP $S2 $G2, $N_GET IIAs, $B_GET bytes; get of 1: HTTP $S3 $G3, $N_GET1 IIA, $B_GET1 bytes"
EXPECTED_INDEX=$(( (COUNT + PARTNERS - 1) / PARTNERS ))
if [ "$S1/$G1/$N_INDEX" != "200/signed/$EXPECTED_INDEX" ] || [ "$S2/$G2/$N_GET" != "200/signed/10" ] || [ "$S3/$G3/$N_GET1" != "200/signed/1" ]; then
  echo "iias.sh: probe failed (expected index 200/signed/$EXPECTED_INDEX, get 200/signed/10, get of 1 200/signed/1)"; tail -30 "$WORK/node.log"; exit 1
fi

# --- RSA cost of one request: one verify (the request) + one sign (the response), one core ----------
log "openssl speed -seconds 3 rsa2048"
RSA_MS_1=$(rsa_ms)

# --- load runs ------------------------------------------------------------------------------------
ROWS=()
run() {   # run NAME LABEL PATH CONNECTIONS REQUESTS [sign options]
  local name=$1 label=$2 path=$3 c=$4 n=$5; shift 5
  sign "$name" "$path" "$n" "$@"
  local l0 t0 t1 total; l0=$(load); t0=$(cpu_ticks $NODE_PID)
  local perf=""
  if [ -n "${EWP_BENCH_IIA_PERF:-}" ] && [ "$name" = get-c4 ] && command -v perf >/dev/null; then
    perf record -F 499 -g -p $NODE_PID -o "$WORK/perf.data" -- sleep "$DURATION" >/dev/null 2>&1 & perf=$!
  fi
  log "wrk -t1 -c$c -d${DURATION}s $name (load $l0)"
  EWP_BENCH_REQUESTS=$WORK/$name.tsv EWP_BENCH_THREADS=1 EWP_BENCH_RESPONSES=$WORK/$name.responses \
    wrk -t1 -c"$c" -d"${DURATION}s" --latency --timeout 10s -s Benchmarks/echo.lua "http://127.0.0.1:$PORT" > "$WORK/$name.wrk" 2>&1
  t1=$(cpu_ticks $NODE_PID)
  [ -n "$perf" ] && wait $perf || true
  total=$(awk '/requests in/ {print $1}' "$WORK/$name.wrk")
  local non2xx verified; non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$WORK/$name.wrk")
  verified=$(verify_run "$name" "$path") || exit 1
  ROWS+=("$(printf '| %s | %s | %s | %s / %s | %s / %s | %s | %s | %s |' "$label" "$c" "$(awk '/^Requests\/sec:/ {print $2}' "$WORK/$name.wrk")" \
    "$(awk '$1 == "50%" {print $2}' "$WORK/$name.wrk")" "$(awk '$1 == "99%" {print $2}' "$WORK/$name.wrk")" \
    "$total" "${non2xx:-0}" "$verified" \
    "$(awk -v a="$t0" -v b="$t1" -v t="$CLK_TCK" -v n="$total" 'BEGIN { printf "%.2f", (b - a) / t * 1000 / n }')" "$l0")")
  cat "$WORK/$name.wrk" >&2
}
# Enough unique X-Request-Ids that wrk never replays one (a replay is a 400, which verification reports), with
# room for a quiet machine: get of 1 on 4 connections once answered more than 1,500 a second.
run index-c1 index "$INDEX_PATH" 1 $(( 1500 * DURATION ))
run index-c4 index "$INDEX_PATH" 4 $(( 3000 * DURATION ))
run get-c1 "get 10" "$GET_PATH" 1 $(( 1000 * DURATION )) "${GET_OPTS[@]}"
run get-c4 "get 10" "$GET_PATH" 4 $(( 2000 * DURATION )) "${GET_OPTS[@]}"
run get1-c1 "get 1" "$GET_PATH" 1 $(( 2000 * DURATION )) "${GET1_OPTS[@]}"
run get1-c4 "get 1" "$GET_PATH" 4 $(( 3000 * DURATION )) "${GET1_OPTS[@]}"
RSA_MS_2=$(rsa_ms)
RSA_MS=$(awk -v a="$RSA_MS_1" -v b="$RSA_MS_2" 'BEGIN { printf "%.3f", (a + b) / 2 }')
kill -TERM $NODE_PID; NODE_EXIT=0; wait $NODE_PID || NODE_EXIT=$?

PERF_SECTION=""
if [ -f "$WORK/perf.data" ]; then
  report() { perf report -i "$WORK/perf.data" --no-children --stdio -g none "$@" 2>/dev/null | grep -v '^#' | grep -v '^$' | sed 's/  *- *- *$//; s/ *$//'; }
  PERF_SECTION=$(report --sort dso | head -12; echo; report --sort symbol | head -25) || true   # head closes the pipe early
fi

# --- results --------------------------------------------------------------------------------------
p50_of() { printf '%s\n' "${ROWS[@]}" | awk -F'|' -v e=" $1 " -v c="$2" '$2 == e && $3+0 == c { split($5, a, "/"); gsub(/ /, "", a[1]); print a[1] }'; }
STORE_TEXT=SQLite
[ "$ENGINE" = postgres ] && STORE_TEXT="PostgreSQL ($PG_VERSION, a server of this run on 127.0.0.1, default settings, fsync on; the node's pool: 10 connections)"
{
  if [ "$ENGINE" = postgres ]; then
    echo "## IIAs on PostgreSQL: index and get"
  else
    echo "## IIAs: iia-hash, index and get"
  fi
  echo
  echo "Produced by: \`$COMMAND\`"
  echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'); $(nproc) cores;" \
       "load average at the start: $LOAD_BEFORE (shared machine: other agents' builds skew every figure)."
  echo
  if [ "$ENGINE" != postgres ]; then
    echo "### iia-hash (release \`ewp-bench-iiahash 7\`, load $HASH_LOAD)"
    echo
    echo '```'
    echo "$HASH_OUT"
    echo '```'
    echo
  fi
  echo "### \`index\` and \`get\` over $COUNT stored IIAs"
  echo
  echo "Store: $FILL_OUT; one covered HEI, $PARTNERS partners, through \`ewp-bench-iias fill\` (EWPStore \`commit(ChangeSet)\`,"
  echo "batches of 1,000, \`OwnIIAStorage.object\`). Release \`ewp-node serve\` on 127.0.0.1, no TLS, $STORE_TEXT."
  echo "Requests: POST form, pre-signed by partner 0's client key (\`ewp-bench-iias sign\`, the node's RequestSigner), each"
  echo "asking for a signed response; \`index\` without parameters returns the partner's $N_INDEX ids ($B_INDEX bytes);"
  echo "\`get 10\` asks for 10 random ids of that partner ($B_GET bytes), \`get 1\` for one ($B_GET1 bytes). wrk -t1, ${DURATION} s per row,"
  echo "Benchmarks/echo.lua; every response recorded and its signature verified afterwards (Benchmarks/verify_responses.py: 200,"
  echo "the signature verifies with the node's server key, X-Request-Id and X-Request-Signature echo a request of the run, Digest matches)."
  echo
  echo "| endpoint | connections | requests/s | p50 / p99 | requests / non-2xx | responses verified | node CPU ms per request | load average at start |"
  echo "|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "RSA work per request (one RSA-2048 verify of the request + one sign of the response, one core, \`openssl speed -seconds 3 rsa2048\`"
  echo "before/after the runs): $RSA_MS_1 / $RSA_MS_2 ms, mean **$RSA_MS ms**. Goals, p50 less the RSA work:"
  echo
  for row in "index 1 20" "index 4 20" "get_10 1 10" "get_10 4 10"; do
    set -- $row
    p=$(p50_of "${1/_/ }" "$2")
    awk -v e="${1/_/ }" -v c="$2" -v p="$p" -v r="$RSA_MS" -v g="$3" 'BEGIN {
      ms = p; if (p ~ /us$/) ms = p / 1000; else if (p ~ /ms$/) ms = p + 0; else if (p ~ /s$/) ms = p * 1000
      printf "- `%s`, %s connection(s): p50 %s − %.2f ms RSA = %.2f ms against ≤ %d ms: **%s**\n", e, c, p, r, ms - r, g, (ms - r <= g) ? "met" : "NOT met" }'
  done
  echo
  echo "Node exit status after SIGTERM: $NODE_EXIT."
  if [ -n "$PERF_SECTION" ]; then
    echo
    echo "### perf of the node during \`get\`, 4 connections (\`perf record -F 499 -g\`)"
    echo
    echo '```'
    echo "$PERF_SECTION"
    echo '```'
  fi
} > "$WORK/generated.md"
if [ "$ENGINE" = postgres ]; then
  "$PY" Benchmarks/results_block.py "$RESULTS" "$WORK/generated.md" \
    "<!-- make bench iias postgres: begin (generated by Benchmarks/iias.sh with EWP_BENCH_ENGINE=postgres; edit only outside these markers) -->" \
    "<!-- make bench iias postgres: end -->" "<!-- make bench iias: end -->"
else
  "$PY" Benchmarks/results_block.py "$RESULTS" "$WORK/generated.md" \
    "<!-- make bench iias: begin (generated by Benchmarks/iias.sh; edit only outside these markers) -->" "<!-- make bench iias: end -->" \
    "<!-- make bench cnr: end -->"
fi
log "wrote $RESULTS"
cat "$WORK/generated.md"
