#!/usr/bin/env bash
# OMobility LAs and IMobility ToRs benchmarks, called by Benchmarks/run.sh (`make bench`); writes
# its figures into Benchmarks/RESULTS.md between `<!-- make bench las: begin ... -->` and `<!-- make bench las: end -->`.
#  1. The store: EWP_BENCH_LA_COUNT (100,000) LAs of one covered HEI (the sending HEI) and EWP_BENCH_TOR_COUNT
#     (100,000) ToRs v2 it issued, spread over EWP_BENCH_LA_PARTNERS (32) partner HEIs, through
#     `ewp-bench-las fill` (EWPStore `commit(ChangeSet)`, OwnLAStorage/OwnToRStorage; the file is kept in
#     Benchmarks/out and reused). 3 of 4 LAs have a pending changes proposal.
#  2. A release `ewp-node serve` on 127.0.0.1 (no TLS) with a catalogue giving each partner its own client key.
#     wrk (Benchmarks/echo.lua) sends requests pre-signed by partner 0 (`ewp-bench-las sign`: unique
#     X-Request-Ids, Accept-Signature: rsa-sha256) on 1 and 4 connections for EWP_BENCH_LA_DURATION s:
#     LAs `index` (sending_hei_id only: every LA of the partner) and `get` of 10 and of 1 random LA(s) of the partner;
#     ToRs v2 `index` (receiving_hei_id only) and `get` of 10 and of 1 random ToR(s) of the partner. Every response
#     of these runs is recorded (echo.lua) and its signature verified afterwards (Benchmarks/verify_responses.py):
#     the run fails if one does not.
#  3. LAs `update` (Benchmarks/lasupdate.lua, which counts 200/409/other): requests pre-signed by the 32
#     partners in turn, each with its own key (`ewp-bench-las sign-updates`), each approving (3 of 4) or
#     commenting on (1 of 4) the pending proposal of a different LA; 1 in 50 names a stale proposal id
#     (409 by design), on 1 and EWP_BENCH_LA_UPDATE_CONNECTIONS (32) connections.
#  Every measurement is run EWP_BENCH_LA_RUNS (3) times (rounds over all of them: one run is one sample on a
#  shared machine). Beside: the node's CPU time per request (/proc), the load average at each row's start,
#  and one RSA-2048 sign + verify (`openssl speed`). EWP_BENCH_LA_PERF=1 adds a `perf record` of the node
#  during the first round's LA `index` on 1 connection and `update` on 32 connections.
# Only 127.0.0.1 is used. Needs: wrk, openssl, python3 (the test registry, build_catalogue.py).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
PY=${EWP_TEST_PYTHON:-python3}
BIN=${EWP_NODE_BINARY:-$REPO/.build/release/ewp-node}
BENCH=$(dirname "$BIN")/ewp-bench-las
LAS=${EWP_BENCH_LA_COUNT:-100000}
TORS=${EWP_BENCH_TOR_COUNT:-100000}
PARTNERS=${EWP_BENCH_LA_PARTNERS:-32}
DURATION=${EWP_BENCH_LA_DURATION:-10}
RUNS=${EWP_BENCH_LA_RUNS:-3}
UPDATES=${EWP_BENCH_LA_UPDATES:-8000}
UPDATE_CONNECTIONS=${EWP_BENCH_LA_UPDATE_CONNECTIONS:-32}
RESULTS=${EWP_BENCH_RESULTS:-$REPO/Benchmarks/RESULTS.md}
COMMAND="bash Benchmarks/las.sh (run by make bench; EWP_BENCH_LA_COUNT=$LAS EWP_BENCH_TOR_COUNT=$TORS EWP_BENCH_LA_PARTNERS=$PARTNERS EWP_BENCH_LA_DURATION=$DURATION EWP_BENCH_LA_RUNS=$RUNS EWP_BENCH_LA_UPDATES=$UPDATES EWP_BENCH_LA_UPDATE_CONNECTIONS=$UPDATE_CONNECTIONS${EWP_BENCH_LA_PERF:+ EWP_BENCH_LA_PERF=$EWP_BENCH_LA_PERF})"

[ -x "$BENCH" ] || swift build -c release --product ewp-bench-las >&2
[ -x "$BIN" ] || { echo "las.sh: $BIN missing: run 'swift build -c release'" >&2; exit 1; }
for tool in wrk openssl curl; do command -v $tool >/dev/null || { echo "las.sh: $tool missing (make deps)" >&2; exit 1; }; done
PENDING=$(( LAS * 3 / 4 ))
NEEDED=$(( (2 * RUNS + 1) * UPDATES ))
[ "$NEEDED" -le "$PENDING" ] || { echo "las.sh: $NEEDED update requests need more LAs with a pending proposal than $LAS LAs have" >&2; exit 1; }

source Benchmarks/lib.sh
bench_init las

# --- 1. the stored LAs and ToRs (reused between runs) ----------------------------------------------
HEI=bench-node.example.org
DB_KEPT=$REPO/Benchmarks/out/las-$LAS-tors-$TORS-$PARTNERS.sqlite
mkdir -p Benchmarks/out
if [ ! -f "$DB_KEPT.txt" ]; then   # written once the fill is complete (the store closes its WAL on exit)
  log "ewp-bench-las fill: $LAS LAs, $TORS ToRs, $PARTNERS partners (load $(load))"
  rm -f "$DB_KEPT" "$DB_KEPT-wal" "$DB_KEPT-shm"
  FILL_OUT=$("$BENCH" fill --database "$DB_KEPT" --hei "$HEI" --partners "$PARTNERS" --las "$LAS" --tors "$TORS")
  echo "$FILL_OUT (load $(load))" > "$DB_KEPT.txt"
fi
FILL_OUT=$(cat "$DB_KEPT.txt")
DB_MB=$(du -m "$DB_KEPT" | cut -f1)
log "$FILL_OUT; $DB_MB MB"
cp "$DB_KEPT" "$WORK/node.sqlite"   # `update` writes: leave the kept one as filled

# --- keys (one per partner), catalogue, registry, node ---------------------------------------------
PORT=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export EWP_KEYS_DIR=$WORK/keys EWP_HEIS=$HEI EWP_ADMIN_EMAIL=ewp-admin@$HEI
export EWP_PUBLIC_URL=https://127.0.0.1:$PORT EWP_LISTEN=127.0.0.1:$PORT
export EWP_DATABASE=sqlite:$WORK/node.sqlite EWP_REGISTRY_REFRESH=300
[ -d "$REPO/Schemas" ] && export EWP_SCHEMAS_DIR=$REPO/Schemas
(cd "$WORK" && "$BIN" keys generate >/dev/null)
(cd "$WORK" && "$BIN" manifest --hei "$HEI") > "$WORK/manifest.xml"
log "$PARTNERS partner client keys"
mkdir -p "$WORK/partners"
HOSTS=()
for i in $(seq 0 $((PARTNERS - 1))); do
  name=$(printf 'partner-%03d' "$i")
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/partners/$name.key.pem" 2>/dev/null
  openssl pkey -in "$WORK/partners/$name.key.pem" -pubout -out "$WORK/partners/$name.pub.pem"
  HOSTS+=(--host "hei=$name.example.org,client-key=$WORK/partners/$name.pub.pem")
done
"$PY" Scripts/build_catalogue.py --manifest "$WORK/manifest.xml" "${HOSTS[@]}" --out "$WORK/catalogue-v1.xml"
start_registry

url_path() { echo "/$(grep -o "https://[^<]*/hei/[^<]*/$1" "$WORK/manifest.xml" | head -n1 | cut -d/ -f4-)"; }
LA_INDEX=$(url_path omobility-las/index); LA_GET=$(url_path omobility-las/get); LA_UPDATE=$(url_path omobility-las/update)
TOR_INDEX=$(url_path imobility-tors/index); TOR_GET=$(url_path imobility-tors/get)
log "starting $BIN serve on 127.0.0.1:$PORT ($LA_INDEX, $LA_GET, $LA_UPDATE, $TOR_INDEX, $TOR_GET)"
start_node

# --- the requests -----------------------------------------------------------------------------------
sign() {   # sign NAME PATH COUNT [extra ewp-bench-las sign options]: requests of partner 0
  local name=$1 path=$2 n=$3; shift 3
  "$BENCH" sign --key "$WORK/partners/partner-000.key.pem" --host "127.0.0.1:$PORT" --path "$path" --count "$n" \
    --partner 0 --partners "$PARTNERS" --out "$WORK/$name.tsv" "$@"
}
sign_updates() {   # sign_updates NAME COUNT FIRST
  "$BENCH" sign-updates --keys "$WORK/partners" --host "127.0.0.1:$PORT" --path "$LA_UPDATE" --hei "$HEI" \
    --partners "$PARTNERS" --stored "$LAS" --count "$2" --first "$3" --out "$WORK/$1.tsv"
}
LA_INDEX_OPTS=(--body "sending_hei_id=$HEI")
LA_GET_OPTS=(--body "sending_hei_id=$HEI" --get-ids 10 --ids la --stored "$LAS")
LA_GET1_OPTS=(--body "sending_hei_id=$HEI" --get-ids 1 --ids la --stored "$LAS")
TOR_INDEX_OPTS=(--body "receiving_hei_id=$HEI")
TOR_GET_OPTS=(--body "receiving_hei_id=$HEI" --get-ids 10 --ids tor --stored "$TORS")
TOR_GET1_OPTS=(--body "receiving_hei_id=$HEI" --get-ids 1 --ids tor --stored "$TORS")

# --- probes: each endpoint answers 200, signed, with what the benchmark expects --------------------
probe() {   # probe TSV ELEMENT: prints "status signed|unsigned count-of-ELEMENT bytes"
  "$PY" - "$1" "$PORT" "$2" <<'EOF'
import sys, http.client, re
method, path, body, *hdrs = open(sys.argv[1]).readline().rstrip("\n").split("\t")
c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[2]), timeout=60)
c.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
for h in hdrs:
    k, v = h.split(": ", 1); c.putheader(k, v)
c.putheader("Content-Length", str(len(body.encode()))); c.endheaders(body.encode())
r = c.getresponse(); data = r.read().decode(errors="replace")
n = len(re.findall(r"<(?:[\w.-]+:)?%s[ >]" % re.escape(sys.argv[3]), data))
print(r.status, "signed" if r.getheader("Signature") else "unsigned", n, len(data))
if r.status != 200: print(data[:800], file=sys.stderr)
EOF
}
sign probe-la-index "$LA_INDEX" 1 "${LA_INDEX_OPTS[@]}"
sign probe-la-get "$LA_GET" 1 "${LA_GET_OPTS[@]}"
sign probe-tor-index "$TOR_INDEX" 1 "${TOR_INDEX_OPTS[@]}"
sign probe-tor-get "$TOR_GET" 1 "${TOR_GET_OPTS[@]}"
sign_updates probe-update 1 $(( 2 * RUNS * UPDATES ))   # an LA no load run touches
EXPECTED_LAS=$(( (LAS + PARTNERS - 1) / PARTNERS )); EXPECTED_TORS=$(( (TORS + PARTNERS - 1) / PARTNERS ))
read -r S1 G1 N_LA_INDEX B_LA_INDEX < <(probe "$WORK/probe-la-index.tsv" omobility-id)
read -r S2 G2 N_LA_GET B_LA_GET < <(probe "$WORK/probe-la-get.tsv" la)
read -r S3 G3 N_TOR_INDEX B_TOR_INDEX < <(probe "$WORK/probe-tor-index.tsv" omobility-id)
read -r S4 G4 N_TOR_GET B_TOR_GET < <(probe "$WORK/probe-tor-get.tsv" tor)
read -r S5 G5 N_UPDATE B_UPDATE < <(probe "$WORK/probe-update.tsv" success-user-message)
log "probes: LA index HTTP $S1 $G1 $N_LA_INDEX ids $B_LA_INDEX bytes; LA get $S2 $G2 $N_LA_GET LAs $B_LA_GET bytes;" \
    "ToR index $S3 $G3 $N_TOR_INDEX ids $B_TOR_INDEX bytes; ToR get $S4 $G4 $N_TOR_GET ToRs $B_TOR_GET bytes; update $S5 $G5 $B_UPDATE bytes"
if [ "$S1/$G1/$N_LA_INDEX" != "200/signed/$EXPECTED_LAS" ] || [ "$S2/$G2/$N_LA_GET" != "200/signed/10" ] \
   || [ "$S3/$G3/$N_TOR_INDEX" != "200/signed/$EXPECTED_TORS" ] || [ "$S4/$G4/$N_TOR_GET" != "200/signed/10" ] \
   || [ "$S5/$G5/$N_UPDATE" != "200/signed/1" ]; then
  echo "las.sh: probe failed (expected LA index 200/signed/$EXPECTED_LAS, LA get 200/signed/10, ToR index 200/signed/$EXPECTED_TORS," \
       "ToR get 200/signed/10, update 200/signed/1)"; tail -30 "$WORK/node.log"; exit 1
fi

# --- RSA cost of one request: one verify (the request) + one sign (the response), one core ----------
log "openssl speed -seconds 3 rsa2048"
RSA_MS_1=$(rsa_ms)

# --- load runs ------------------------------------------------------------------------------------
ROWS=()
UPDATE_ROWS=()
PERF_FILES=()
measure() {   # measure NAME LABEL CONNECTIONS RUN SCRIPT [PATH]: wrk over $WORK/NAME.tsv; appends a row; with PATH
              # (echo.lua, which records every response), every response is verified (verify_run)
  local name=$1 label=$2 c=$3 r=$4 script=$5 path=${6:-}
  local l0 t0 t1 total perf=""
  l0=$(load); t0=$(cpu_ticks $NODE_PID)
  if [ -n "${EWP_BENCH_LA_PERF:-}" ] && [ "$r" = 1 ] && { [ "$name" = la-index-c1-r1 ] || [ "$name" = "update-c$UPDATE_CONNECTIONS-r1" ]; } \
     && command -v perf >/dev/null; then
    perf record -F 499 -g -p $NODE_PID -o "$WORK/$name.perf" -- sleep "$DURATION" >/dev/null 2>&1 & perf=$!
    PERF_FILES+=("$name")
  fi
  log "wrk -t1 -c$c -d${DURATION}s $name (load $l0)"
  EWP_BENCH_REQUESTS=$WORK/$name.tsv EWP_BENCH_THREADS=1 EWP_BENCH_RESPONSES=$WORK/$name.responses \
    wrk -t1 -c"$c" -d"${DURATION}s" --latency --timeout 10s -s "Benchmarks/$script" "http://127.0.0.1:$PORT" > "$WORK/$name.wrk" 2>&1
  t1=$(cpu_ticks $NODE_PID)
  if [ -n "$perf" ]; then wait $perf || true; fi
  cat "$WORK/$name.wrk" >&2
  total=$(awk '/requests in/ {print $1}' "$WORK/$name.wrk")
  local non2xx rps p50 p99 cpu verified=""
  if [ -n "$path" ]; then verified=$(verify_run "$name" "$path") || exit 1; fi
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$WORK/$name.wrk")
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$WORK/$name.wrk")
  p50=$(awk '$1 == "50%" {print $2}' "$WORK/$name.wrk"); p99=$(awk '$1 == "99%" {print $2}' "$WORK/$name.wrk")
  cpu=$(awk -v a="$t0" -v b="$t1" -v t="$CLK_TCK" -v n="$total" 'BEGIN { printf "%.2f", (b - a) / t * 1000 / n }')
  if [ "$script" = lasupdate.lua ]; then
    local statuses; statuses=$(awk '/^statuses:/ { sub(/^statuses: /, ""); print }' "$WORK/$name.wrk")
    UPDATE_ROWS+=("$(printf '| %s | %s | %s | %s / %s | %s | %s | %s | %s |' "$c" "$r" "$rps" "$p50" "$p99" "$total" "$statuses" "$cpu" "$l0")")
  else
    ROWS+=("$(printf '| %s | %s | %s | %s | %s / %s | %s / %s | %s | %s | %s |' "$label" "$c" "$r" "$rps" "$p50" "$p99" "$total" "${non2xx:-0}" "$verified" "$cpu" "$l0")")
  fi
}
run() {   # run NAME LABEL PATH CONNECTIONS REQUESTS RUN [sign options]
  local name=$1 label=$2 path=$3 c=$4 n=$5 r=$6; shift 6
  sign "$name" "$path" "$n" "$@"
  measure "$name" "$label" "$c" "$r" echo.lua "$path"
}
UPDATE_FIRST=0
for r in $(seq 1 "$RUNS"); do
  log "round $r of $RUNS"
  # Requests signed per row: more than the row can send (each is sent once; a replay is a non-2xx).
  run "la-index-c1-r$r" "LAs index" "$LA_INDEX" 1 $(( 600 * DURATION )) "$r" "${LA_INDEX_OPTS[@]}"
  run "la-index-c4-r$r" "LAs index" "$LA_INDEX" 4 $(( 1500 * DURATION )) "$r" "${LA_INDEX_OPTS[@]}"
  run "la-get-c1-r$r" "LAs get" "$LA_GET" 1 $(( 800 * DURATION )) "$r" "${LA_GET_OPTS[@]}"
  run "la-get-c4-r$r" "LAs get" "$LA_GET" 4 $(( 2000 * DURATION )) "$r" "${LA_GET_OPTS[@]}"
  run "la-get1-c1-r$r" "LAs get 1" "$LA_GET" 1 $(( 1000 * DURATION )) "$r" "${LA_GET1_OPTS[@]}"
  run "la-get1-c4-r$r" "LAs get 1" "$LA_GET" 4 $(( 2500 * DURATION )) "$r" "${LA_GET1_OPTS[@]}"
  run "tor-index-c1-r$r" "ToRs v2 index" "$TOR_INDEX" 1 $(( 600 * DURATION )) "$r" "${TOR_INDEX_OPTS[@]}"
  run "tor-index-c4-r$r" "ToRs v2 index" "$TOR_INDEX" 4 $(( 1500 * DURATION )) "$r" "${TOR_INDEX_OPTS[@]}"
  run "tor-get-c1-r$r" "ToRs v2 get" "$TOR_GET" 1 $(( 800 * DURATION )) "$r" "${TOR_GET_OPTS[@]}"
  run "tor-get-c4-r$r" "ToRs v2 get" "$TOR_GET" 4 $(( 2000 * DURATION )) "$r" "${TOR_GET_OPTS[@]}"
  run "tor-get1-c1-r$r" "ToRs v2 get 1" "$TOR_GET" 1 $(( 1000 * DURATION )) "$r" "${TOR_GET1_OPTS[@]}"
  run "tor-get1-c4-r$r" "ToRs v2 get 1" "$TOR_GET" 4 $(( 2500 * DURATION )) "$r" "${TOR_GET1_OPTS[@]}"
  for c in 1 "$UPDATE_CONNECTIONS"; do
    sign_updates "update-c$c-r$r" "$UPDATES" "$UPDATE_FIRST"
    UPDATE_FIRST=$(( UPDATE_FIRST + UPDATES ))
    measure "update-c$c-r$r" update "$c" "$r" lasupdate.lua
  done
done
RSA_MS_2=$(rsa_ms)
RSA_MS=$(awk -v a="$RSA_MS_1" -v b="$RSA_MS_2" 'BEGIN { printf "%.3f", (a + b) / 2 }')
OUTBOX=$(curl -fsS "http://127.0.0.1:$PORT/metrics" 2>/dev/null | awk '/^ewp_cnr_rows\{/ && /queue="outbox"/ && /api="omobility-la-cnr"/ { split($0, a, "state=\""); split(a[2], s, "\""); n[s[1]] += $NF }
  END { for (k in n) { printf "%s%s %d", sep, k, n[k]; sep = ", " } }') || true
kill -TERM $NODE_PID; NODE_EXIT=0; wait $NODE_PID || NODE_EXIT=$?

PERF_SECTION=""
demangle() { if command -v swift >/dev/null; then swift demangle --simplified | cut -c1-160; else cat; fi; }
for name in "${PERF_FILES[@]}"; do
  [ -f "$WORK/$name.perf" ] || continue
  report() { perf report -i "$WORK/$name.perf" --stdio -g none "$@" 2>/dev/null | grep -v '^#' | grep -v '^$' | sed 's/  *- *- *$//; s/ *$//' | demangle; }
  PERF_SECTION+=$'\n'"### perf of the node during \`$name\` (\`perf record -F 499 -g\`; self time by library and symbol, then time with callees)"$'\n\n```\n'
  PERF_SECTION+=$(report --no-children --sort dso | head -10; echo; report --no-children --sort dso,symbol | head -25; echo
                  report --children --sort symbol | grep -v '0x0000\|start_thread\|dispatch_\|swift_job_run\|runJob\|SYSCALL\|do_syscall' | head -30) || true   # head closes the pipe early
  PERF_SECTION+=$'\n```\n'
done

# --- results --------------------------------------------------------------------------------------
to_ms() { awk -v p="$1" 'BEGIN { ms = p; if (p ~ /us$/) ms = p / 1000; else if (p ~ /ms$/) ms = p + 0; else if (p ~ /s$/) ms = p * 1000; printf "%.2f", ms }'; }
p50s_of() {   # p50s_of LABEL CONNECTIONS: the p50 of each run, one a line
  printf '%s\n' "${ROWS[@]}" | awk -F'|' -v e="$1" -v c="$2" '{ l = $2; gsub(/^ +| +$/, "", l) } l == e && $3+0 == c { split($6, a, "/"); gsub(/ /, "", a[1]); print a[1] }'
}
{
  echo "## OMobility LAs and IMobility ToRs: index, get, update"
  echo
  echo "Produced by: \`$COMMAND\`"
  echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'); $(nproc) cores;" \
       "load average at the start: $LOAD_BEFORE (shared machine: other agents' builds skew every figure)."
  echo
  echo "Store: $FILL_OUT; $DB_MB MB of SQLite. One covered HEI ($HEI), $PARTNERS partner HEIs, through \`ewp-bench-las fill\`"
  echo "(EWPStore \`commit(ChangeSet)\`, batches of 1,000; \`OwnLAStorage.object\` with an \`imported\` version record per LA,"
  echo "\`OwnToRStorage.object\`; documents from EWPTestSupport LADocuments/ToRDocuments with per-LA ids, years, student ids)."
  echo "Release \`ewp-node serve\` on 127.0.0.1, no TLS, SQLite; a catalogue giving each partner its own client key."
  echo
  echo "### \`index\` and \`get\` over $LAS stored LAs and $TORS stored ToRs v2"
  echo
  echo "Requests: POST form, pre-signed by partner 0's client key (\`ewp-bench-las sign\`, the node's RequestSigner), each"
  echo "asking for a signed response. LAs \`index\` (\`sending_hei_id\` only) returns the partner's $N_LA_INDEX ids ($B_LA_INDEX bytes);"
  echo "LAs \`get\` asks for 10 random LAs of the partner ($B_LA_GET bytes). ToRs v2 \`index\` (\`receiving_hei_id\` only) returns"
  echo "$N_TOR_INDEX ids ($B_TOR_INDEX bytes); \`get\` 10 random ToRs ($B_TOR_GET bytes); \`get 1\` rows ask for one LA or ToR."
  echo "wrk -t1, ${DURATION} s per row, Benchmarks/echo.lua; every response recorded and its signature verified afterwards"
  echo "(Benchmarks/verify_responses.py: 200, the signature verifies with the node's server key, X-Request-Id and X-Request-Signature"
  echo "echo a request of the run, Digest matches the body);"
  echo "$RUNS rounds over every row, in the order listed."
  echo
  echo "| endpoint | connections | run | requests/s | p50 / p99 | requests / non-2xx | responses verified | node CPU ms per request | load average at start |"
  echo "|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}" | sort -t'|' -s -k2,2 -k3,3n
  echo
  echo "RSA work per request (one RSA-2048 verify of the request + one sign of the response, one core, \`openssl speed -seconds 3 rsa2048\`"
  echo "before/after the runs): $RSA_MS_1 / $RSA_MS_2 ms, mean **$RSA_MS ms**. Goals (those for IIAs): \`index\` p50 ≤ 20 ms,"
  echo "\`get\` of 10 p50 ≤ 10 ms, less the RSA work; a row meets it when its p50 does, per run:"
  echo
  for row in "LAs index/1/20" "LAs index/4/20" "LAs get/1/10" "LAs get/4/10" "ToRs v2 index/1/20" "ToRs v2 index/4/20" "ToRs v2 get/1/10" "ToRs v2 get/4/10"; do
    IFS=/ read -r e c g <<< "$row"
    verdicts=""; met=0; n=0
    while read -r p; do
      [ -n "$p" ] || continue
      ms=$(to_ms "$p"); net=$(awk -v m="$ms" -v r="$RSA_MS" 'BEGIN { printf "%.2f", m - r }')
      if awk -v x="$net" -v g="$g" 'BEGIN { exit !(x <= g) }'; then met=$((met + 1)); fi
      n=$((n + 1)); verdicts+="${verdicts:+, }$p → $net ms"
    done < <(p50s_of "$e" "$c")
    echo "- \`$e\`, $c connection(s), goal ≤ $g ms: $verdicts: **met in $met of $n runs**"
  done
  echo
  echo "### \`update\` round trip under load of $PARTNERS partners"
  echo
  echo "Requests: raw XML \`omobility-las-update-request\` POSTs (Content-Type text/xml), pre-signed by the $PARTNERS partners in turn,"
  echo "each with its own client key (\`ewp-bench-las sign-updates\`), each for a different LA of that partner with a pending"
  echo "proposal: 3 of 4 approve it, 1 of 4 comments on it; 1 in 50 names a stale proposal id, which the node must answer 409."
  echo "Each 200 is a conditional commit of the LA, its version record and an LA CNR to the partner (fsync'd; the partners"
  echo "have no CNR endpoint in the catalogue, so the outbox marks those CNRs unsupported meanwhile). wrk -t1, ${DURATION} s per row,"
  echo "Benchmarks/lasupdate.lua ($UPDATES requests signed per row, each sent once; \`other\` would count replays if they ran out)."
  echo
  echo "| connections | run | requests/s | p50 / p99 | requests | statuses | node CPU ms per request | load average at start |"
  echo "|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${UPDATE_ROWS[@]}" | sort -t'|' -s -k2,2n -k3,3n
  echo
  echo "LA CNR outbox rows at the end (by state, from /metrics): ${OUTBOX:-not read}."
  echo "Node exit status after SIGTERM: $NODE_EXIT."
  echo "$PERF_SECTION"
} > "$WORK/generated.md"
"$PY" Benchmarks/results_block.py "$RESULTS" "$WORK/generated.md" \
  "<!-- make bench las: begin (generated by Benchmarks/las.sh; edit only outside these markers) -->" "<!-- make bench las: end -->" \
  "<!-- make bench iias: end -->"
log "wrote $RESULTS"
cat "$WORK/generated.md"
