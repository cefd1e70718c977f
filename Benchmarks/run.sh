#!/usr/bin/env bash
# Benchmarks (`make bench`): writes its figures into Benchmarks/RESULTS.md, between the markers
# `<!-- make bench: begin ... -->` and `<!-- make bench: end -->` (text outside them is kept).
#  1. Signed Echo throughput: release `ewp-node serve` on 127.0.0.1 (no nginx), wrk with pre-signed
#     requests (unique X-Request-Ids, Accept-Signature: rsa-sha256 so every response is signed),
#     EWP_BENCH_CONNECTIONS connections for EWP_BENCH_DURATION s: requests/s, p50/p99 latency; beside it,
#     the bound of one RSA-2048 sign + one verify per request from `openssl speed -seconds 3 -multi 2
#     rsa2048`, measured in the same run (before and after the load, mean used), and the ratio
#     (goal >= 0.8); plus the node's CPU time per request (from /proc) against one sign + one verify
#     on one core (goal <= 1.25 times), a view that other load on the machine does not skew; the tail
#     (goal p99 <= 2 x p50). Every response of the load run is recorded (Benchmarks/echo.lua) and its
#     signature verified afterwards (Benchmarks/verify_responses.py): the run fails if one does not.
#  2. Resident memory of `ewp-node serve` after start-up with a catalogue loaded (goal: RSS <= 40 MB),
#     with PSS and USS from /proc/PID/smaps_rollup (the part shared with other processes is RSS - USS).
#  3. The catalogue parse benchmark (helper "registry"), when present (EWP_BENCH_SKIP_CATALOGUE=1 leaves it out).
#  4. The CNR benchmarks (Benchmarks/cnr.sh, its own markers in RESULTS.md): outbox throughput between two
#     nodes and inbound CNRs answered while pulls run. EWP_BENCH_SKIP_CNR=1 leaves them out.
#  5. The IIA benchmarks (Benchmarks/iias.sh, its own markers in RESULTS.md): iia-hash, and `index`/`get`
#     over 100,000 stored IIAs. EWP_BENCH_SKIP_IIAS=1 leaves them out.
#  6. Parts 4 and 5 again on PostgreSQL (EWP_BENCH_ENGINE=postgres: a throw-away server each script starts,
#     127.0.0.1 only, Benchmarks/postgres.sh), beside the SQLite figures. EWP_BENCH_SKIP_POSTGRES=1 leaves them out.
# Only 127.0.0.1 is used. Needs: release build, wrk, openssl, python3 with `cryptography` (make py-deps).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
PY=${EWP_TEST_PYTHON:-python3}
BIN=${EWP_NODE_BINARY:-$REPO/.build/release/ewp-node}
DURATION=${EWP_BENCH_DURATION:-10}
CONNECTIONS=${EWP_BENCH_CONNECTIONS:-64}
WRK_THREADS=${EWP_BENCH_WRK_THREADS:-1}
RESULTS=${EWP_BENCH_RESULTS:-$REPO/Benchmarks/RESULTS.md}
# The parts a run skipped are part of its command line (EWP_BENCH_SKIP_CNR=1 and the like).
SKIPPED=$(env | grep '^EWP_BENCH_SKIP_' | sort | tr '\n' ' ')
COMMAND="make bench  (${SKIPPED}bash Benchmarks/run.sh; EWP_BENCH_DURATION=$DURATION EWP_BENCH_CONNECTIONS=$CONNECTIONS EWP_BENCH_WRK_THREADS=$WRK_THREADS)"

[ -x "$BIN" ] || { echo "run.sh: $BIN missing: run 'swift build -c release' (make bench does)" >&2; exit 1; }
for tool in wrk openssl; do command -v $tool >/dev/null || { echo "run.sh: $tool missing (make deps)" >&2; exit 1; }; done
"$PY" -c 'import cryptography' || { echo "run.sh: $PY lacks cryptography (make py-deps)" >&2; exit 1; }

source Benchmarks/lib.sh
bench_init echo
free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

HEI=bench-node.example.org
CLIENT_HEI=bench-client.example.org
PORT=$(free_port)
export EWP_KEYS_DIR=$WORK/keys EWP_HEIS=$HEI EWP_ADMIN_EMAIL=ewp-admin@$HEI
export EWP_PUBLIC_URL=https://127.0.0.1:$PORT EWP_LISTEN=127.0.0.1:$PORT
export EWP_DATABASE=sqlite:$WORK/node.sqlite EWP_REGISTRY_REFRESH=300
[ -d "$REPO/Schemas" ] && export EWP_SCHEMAS_DIR=$REPO/Schemas

# --- set-up: keys, manifest, catalogue, registry --------------------------------------------------
log "keys, manifest, catalogue"
(cd "$WORK" && "$BIN" keys generate >/dev/null)
(cd "$WORK" && "$BIN" manifest --hei "$HEI") > "$WORK/manifest.xml"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/client.key.pem" 2>/dev/null
openssl pkey -in "$WORK/client.key.pem" -pubout -out "$WORK/client.pub.pem"
"$PY" Scripts/build_catalogue.py --manifest "$WORK/manifest.xml" \
  --host "hei=$CLIENT_HEI,name=Bench Client,client-key=$WORK/client.pub.pem" --out "$WORK/catalogue-v1.xml"
ECHO_URL=$("$PY" - "$WORK/manifest.xml" <<'EOF'
import sys, xml.etree.ElementTree as ET
ns = "{https://github.com/erasmus-without-paper/ewp-specs-api-echo/blob/stable-v2/manifest-entry.xsd}"
for e in ET.parse(sys.argv[1]).getroot().iter(ns + "echo"):
    print(e.find(ns + "url").text.strip()); break
EOF
)
ECHO_PATH=/${ECHO_URL#https://*/}
log "echo endpoint: $ECHO_URL (path $ECHO_PATH)"

start_registry

# --- the node; idle memory -------------------------------------------------------------------------
log "starting $BIN serve on 127.0.0.1:$PORT"
start_node
sleep 2
# memory_figures PID: "RSS PSS USS" in MB from smaps_rollup (USS = Private_Clean + Private_Dirty).
memory_figures() {
  awk '/^Rss:/ {r = $2} /^Pss:/ {p = $2} /^Private_(Clean|Dirty):/ {u += $2}
       END { printf "%.1f %.1f %.1f\n", r / 1024, p / 1024, u / 1024 }' "/proc/$1/smaps_rollup"
}
read -r RSS_MB PSS_MB USS_MB < <(memory_figures $NODE_PID)
log "idle RSS / PSS / USS: $RSS_MB / $PSS_MB / $USS_MB MB"
# Resident kB by mapping (file, or [heap]/[anon]/[stack]), largest first: where the idle RSS is.
awk '/^[0-9a-f]+-[0-9a-f]+ / { name = (NF >= 6) ? $6 : "[anon]" } /^Rss:/ { rss[name] += $2 }
     END { for (n in rss) if (rss[n] > 0) printf "%8d kB  %s\n", rss[n], n }' "/proc/$NODE_PID/smaps" | sort -rn > "$WORK/idle-mappings.txt"
# The binary's code resident when idle, and how much of the start-up order (Sources/ewp-node/startup.order,
# Scripts/startup_order.sh) the binary still has: a stale list leaves start-up code spread out again.
CODE_RSS_MB=$(awk -v bin="$(readlink -f "$BIN")" '/^[0-9a-f]+-[0-9a-f]+ / { code = ($2 ~ /x/ && $6 == bin) } code && /^Rss:/ { r += $2 }
  END { printf "%.1f", r / 1024 }' "/proc/$NODE_PID/smaps")
CODE_MB=$(size -A "$BIN" | awk '$1 == ".text" { printf "%.1f", $2 / 1048576 }')
ORDER_FILE=Sources/ewp-node/startup.order
if [ -s "$ORDER_FILE" ]; then
  ORDER_FOUND=$(nm "$BIN" 2>/dev/null | awk 'NR == FNR { listed[$0] = 1; n++; next } ($NF in listed) && !seen[$NF]++ { f++ } END { printf "%d of %d", f, n }' "$ORDER_FILE" -)
else
  ORDER_FOUND="no list"
fi

# --- RSA bound, measured now ---------------------------------------------------------------------
rsa_speed() {   # prints "sign/s verify/s", summed over the 2 processes
  openssl speed -seconds 3 -multi 2 rsa2048 2>/dev/null | awk '/^rsa 2048 bits/ {print $(NF-1), $NF}' | tail -n1
}
log "openssl speed -seconds 3 -multi 2 rsa2048 (before the load run)"
SPEED1=$(rsa_speed)
BOUND1=$(echo "$SPEED1" | awk '{ printf "%.0f", 1 / (1/$1 + 1/$2) }')
log "sign/s, verify/s: $SPEED1 -> bound $BOUND1 req/s"

# --- pre-signed requests: enough unique ids for the run (the bound is a ceiling) ----------------
# (at least 2,500 a second: on a busy machine the bound measured before the run can be far below
# what the node then answers, and a request sent twice is refused as a replay)
COUNT=$(awk -v b="$BOUND1" -v d="$DURATION" 'BEGIN { if (b < 2500) b = 2500; printf "%d", b * d * 1.5 + 2000 }')
log "pre-signing $COUNT requests"
"$PY" Benchmarks/presign.py --key "$WORK/client.key.pem" --host "127.0.0.1:$PORT" --path "$ECHO_PATH" \
  --count $((COUNT + 1)) --out "$WORK/all.tsv"
tail -n1 "$WORK/all.tsv" > "$WORK/probe.tsv"
head -n "$COUNT" "$WORK/all.tsv" > "$WORK/requests.tsv"

# One probe request first: it must succeed, with a signed response.
"$PY" - "$WORK/probe.tsv" "$PORT" > "$WORK/probe.out" <<'EOF'
import sys, http.client
method, path, body, *hdrs = open(sys.argv[1]).read().rstrip("\n").split("\t")
c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[2]), timeout=10)
c.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
for h in hdrs:
    k, v = h.split(": ", 1); c.putheader(k, v)
c.putheader("Content-Length", str(len(body))); c.endheaders(body.encode())
r = c.getresponse(); data = r.read()
print(r.status, "signed" if r.getheader("Signature") else "unsigned")
print(data.decode(errors="replace")[:500])
EOF
read -r PROBE_STATUS PROBE_SIGNED < <(head -n1 "$WORK/probe.out")
log "probe: HTTP $PROBE_STATUS, $PROBE_SIGNED response"
if [ "$PROBE_STATUS" != 200 ] || [ "$PROBE_SIGNED" != signed ]; then
  echo "probe request failed:"; cat "$WORK/probe.out"; tail -30 "$WORK/node.log"; exit 1
fi

# --- load -----------------------------------------------------------------------------------------
NODE_TICKS_BEFORE=$(cpu_ticks $NODE_PID)
# EWP_BENCH_PERF=1: `perf record -g` of the node during the load run, kept in $WORK/perf.data (with EWP_BENCH_KEEP).
if [ -n "${EWP_BENCH_PERF:-}" ]; then
  perf record -q -g -e cpu-clock -p $NODE_PID -o "$WORK/perf.data" -- sleep "$DURATION" 2>/dev/null &
  PERF_PID=$!
fi
log "wrk -t$WRK_THREADS -c$CONNECTIONS -d${DURATION}s --latency"
# bash's `time` keyword: wrk's own CPU time (user, system), the share of the two cores the node did not get.
TIMEFORMAT='%U %S'
{ time EWP_BENCH_REQUESTS=$WORK/requests.tsv EWP_BENCH_THREADS=$WRK_THREADS EWP_BENCH_RESPONSES=$WORK/responses \
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency --timeout 10s -s Benchmarks/echo.lua \
  "http://127.0.0.1:$PORT" > "$WORK/wrk.out" 2>&1 ; } 2> "$WORK/wrk.time"
WRK_CORES=$(awk -v d="$DURATION" '{ printf "%.2f", ($1 + $2) / d }' "$WORK/wrk.time")
cat "$WORK/wrk.out" >&2
RPS=$(awk '/^Requests\/sec:/ {print $2}' "$WORK/wrk.out")
P50=$(awk '$1 == "50%" {print $2}' "$WORK/wrk.out")
P99=$(awk '$1 == "99%" {print $2}' "$WORK/wrk.out")
TOTAL=$(awk '/requests in/ {print $1}' "$WORK/wrk.out")
NODE_TICKS_AFTER=$(cpu_ticks $NODE_PID)
LOAD_AFTER=$(load)
[ -z "${PERF_PID:-}" ] || wait $PERF_PID || true
log "verifying every response of the load run"
VERIFIED=$("$PY" Benchmarks/verify_responses.py --server-key "$WORK/keys/$HEI/server.pub.pem" --requests "$WORK/requests.tsv" \
  --path "$ECHO_PATH" "$WORK"/responses.* 2>&1) && VERIFY_OK=1 || VERIFY_OK=""
log "$VERIFIED"
rm -f "$WORK"/responses.*
log "openssl speed -seconds 3 -multi 2 rsa2048 (after the load run)"
SPEED2=$(rsa_speed)
# The bound uses the mean of the two measurements (the machine's load may change during the run).
read -r SIGN_S VERIFY_S < <(echo "$SPEED1 $SPEED2" | awk '{ printf "%.1f %.1f\n", ($1 + $3) / 2, ($2 + $4) / 2 }')
BOUND=$(awk -v s="$SIGN_S" -v v="$VERIFY_S" 'BEGIN { printf "%.0f", 1 / (1/s + 1/v) }')
# CPU view, insensitive to other load: node CPU time per request vs. one sign + one verify on one core.
NODE_CPU_MS=$(awk -v a="$NODE_TICKS_BEFORE" -v b="$NODE_TICKS_AFTER" -v t="$CLK_TCK" -v n="$TOTAL" 'BEGIN { printf "%.3f", (b - a) / t * 1000 / n }')
NODE_CORES=$(awk -v a="$NODE_TICKS_BEFORE" -v b="$NODE_TICKS_AFTER" -v t="$CLK_TCK" -v d="$DURATION" 'BEGIN { printf "%.2f", (b - a) / t / d }')
# The CPU-time reference: one process (`openssl speed` divides by its CPU user time), measured right
# after the load like the node's CPU time, so that both carry the same slowdown of a busy machine.
log "openssl speed -seconds 3 rsa2048 (one process: CPU time of one sign + one verify)"
RSA_CPU_MS=$(rsa_ms)
CPU_RATIO=$(awk -v r="$RSA_CPU_MS" -v n="$NODE_CPU_MS" 'BEGIN { printf "%.2f", r / n }')
NON2XX=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$WORK/wrk.out"); NON2XX=${NON2XX:-0}
ERRORS=$(awk '/Socket errors:/ {print}' "$WORK/wrk.out")
RATIO=$(awk -v r="$RPS" -v b="$BOUND" 'BEGIN { printf "%.2f", r / b }')
read -r RSS_AFTER_MB PSS_AFTER_MB USS_AFTER_MB < <(memory_figures $NODE_PID)
TAIL=$(awk -v a="$P50" -v b="$P99" 'function ms(x) { if (x ~ /us$/) return x / 1000; if (x ~ /ms$/) return x + 0; return x * 1000 }
  BEGIN { printf "%.2f", ms(b) / ms(a) }')
RSA_CPU_FACTOR=$(awk -v r="$RSA_CPU_MS" -v n="$NODE_CPU_MS" 'BEGIN { printf "%.2f", n / r }')

# --- the HTTP floor: the node's CPU per request with no RSA work at all --------------------------
# GET /health/live (unsigned: routing, the answer, the request log line) with the same wrk settings.
# Signed Echo cannot cost less than this plus one sign and one verify.
log "wrk -t$WRK_THREADS -c$CONNECTIONS -d5s /health/live (the HTTP floor)"
FLOOR_TICKS_BEFORE=$(cpu_ticks $NODE_PID)
wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d5s --timeout 10s "http://127.0.0.1:$PORT/health/live" > "$WORK/wrk-floor.out" 2>&1
FLOOR_TICKS_AFTER=$(cpu_ticks $NODE_PID)
FLOOR_TOTAL=$(awk '/requests in/ {print $1}' "$WORK/wrk-floor.out")
FLOOR_RPS=$(awk '/^Requests\/sec:/ {print $2}' "$WORK/wrk-floor.out")
FLOOR_MS=$(awk -v a="$FLOOR_TICKS_BEFORE" -v b="$FLOOR_TICKS_AFTER" -v t="$CLK_TCK" -v n="$FLOOR_TOTAL" 'BEGIN { printf "%.3f", (b - a) / t * 1000 / n }')
# The lowest factor reachable with this floor, and the highest ratio to the bound with the cores wrk leaves.
FLOOR_FACTOR=$(awk -v r="$RSA_CPU_MS" -v f="$FLOOR_MS" 'BEGIN { printf "%.2f", (r + f) / r }')
RATIO_CEILING=$(awk -v r="$RSA_CPU_MS" -v f="$FLOOR_MS" -v w="$WRK_CORES" -v c="$(nproc)" 'BEGIN { printf "%.2f", r / (r + f) * (c - w) / c }')
log "HTTP floor: $FLOOR_MS ms per request ($FLOOR_RPS req/s); lowest factor $FLOOR_FACTOR; ratio ceiling $RATIO_CEILING"

# --- the EWP floor: an Echo request answered without RSA -------------------------------------------
# The same POST to the Echo endpoint without a signature: the node reads the body, finds no signature
# and answers 401 with an EWP error-response (and its log line). Whatever the signed request costs
# beyond this and one sign and one verify is the signature checks, the replay ledger and the hand-offs
# to the signature threads.
"$PY" - "$WORK/requests.tsv" "$WORK/unsigned.lua" <<'PYEOF'
import sys
method, path, body = open(sys.argv[1]).readline().rstrip("\n").split("\t")[:3]
open(sys.argv[2], "w").write(f'wrk.method = "{method}"\nwrk.path = "{path}"\nwrk.body = "{body}"\n'
                             'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n')
PYEOF
log "wrk -t$WRK_THREADS -c$CONNECTIONS -d5s unsigned POST $ECHO_PATH (the EWP floor)"
EWP_FLOOR_TICKS_BEFORE=$(cpu_ticks $NODE_PID)
wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d5s --timeout 10s -s "$WORK/unsigned.lua" "http://127.0.0.1:$PORT" > "$WORK/wrk-ewp-floor.out" 2>&1
EWP_FLOOR_TICKS_AFTER=$(cpu_ticks $NODE_PID)
EWP_FLOOR_TOTAL=$(awk '/requests in/ {print $1}' "$WORK/wrk-ewp-floor.out")
EWP_FLOOR_RPS=$(awk '/^Requests\/sec:/ {print $2}' "$WORK/wrk-ewp-floor.out")
EWP_FLOOR_NON2XX=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$WORK/wrk-ewp-floor.out")
EWP_FLOOR_STATUS=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/x-www-form-urlencoded' \
  --data "echo=floor" "http://127.0.0.1:$PORT$ECHO_PATH")
EWP_FLOOR_MS=$(awk -v a="$EWP_FLOOR_TICKS_BEFORE" -v b="$EWP_FLOOR_TICKS_AFTER" -v t="$CLK_TCK" -v n="$EWP_FLOOR_TOTAL" 'BEGIN { printf "%.3f", (b - a) / t * 1000 / n }')
EWP_FLOOR_FACTOR=$(awk -v r="$RSA_CPU_MS" -v f="$EWP_FLOOR_MS" 'BEGIN { printf "%.2f", (r + f) / r }')
EWP_RATIO_CEILING=$(awk -v r="$RSA_CPU_MS" -v f="$EWP_FLOOR_MS" -v w="$WRK_CORES" -v c="$(nproc)" 'BEGIN { printf "%.2f", r / (r + f) * (c - w) / c }')
log "EWP floor: $EWP_FLOOR_MS ms per request ($EWP_FLOOR_RPS req/s, answered $EWP_FLOOR_STATUS); lowest factor $EWP_FLOOR_FACTOR"

# Is the node still healthy and does it exit 0 on SIGTERM?
kill -TERM $NODE_PID; NODE_EXIT=0; wait $NODE_PID || NODE_EXIT=$?

# --- catalogue parse benchmark (helper "registry": generate_catalogue.py + ewp-bench-catalogue) ----
CATALOGUE_SECTION="(not run: Benchmarks/generate_catalogue.py or the ewp-bench-catalogue product is not in this tree)"
if [ -z "${EWP_BENCH_SKIP_CATALOGUE:-}" ] && [ -f Benchmarks/generate_catalogue.py ] && grep -q '"ewp-bench-catalogue"' Package.swift; then
  CAT_XML=Benchmarks/out/catalogue-5000.xml
  CAT_BIN=$(dirname "$BIN")/ewp-bench-catalogue
  CAT_CMD_GEN="$PY Benchmarks/generate_catalogue.py --out $CAT_XML"
  CAT_CMD_RUN="$CAT_BIN $CAT_XML 9"
  mkdir -p Benchmarks/out
  log "$CAT_CMD_GEN"
  if { [ -f "$CAT_XML" ] || $CAT_CMD_GEN >&2; } &&
     { [ -x "$CAT_BIN" ] || swift build -c release --product ewp-bench-catalogue >&2; } &&
     CAT_OUT=$(EWP_BENCH_SCHEMA=$REPO/Schemas/registry-catalogue.xsd \
               EWP_BENCH_XML_CATALOG=$REPO/Schemas/catalog.xml $CAT_CMD_RUN 2>&1); then
    # Paths relative to the repository in RESULTS.md, never this machine's.
    CATALOGUE_SECTION=$(printf 'Produced by: `%s` then `%s` (release)\n\n```\n%s\n```' "${CAT_CMD_GEN//$REPO\//}" "${CAT_CMD_RUN//$REPO\//}" "$CAT_OUT")
  else
    CATALOGUE_SECTION="catalogue benchmark failed: ${CAT_OUT:-see the output above}"
  fi
fi

# --- results --------------------------------------------------------------------------------------
verdict() { awk -v a="$1" -v b="$2" -v op="$3" 'BEGIN { ok = (op == ">=") ? (a >= b) : (a <= b); print ok ? "met" : "NOT met" }'; }
CPU=$(awk -F: '/model name/ {gsub(/^ +/, "", $2); print $2; exit}' /proc/cpuinfo)
{
  echo "# Benchmark results"
  echo
  echo "Produced by: \`$COMMAND\`"
  echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD 2>/dev/null || echo '?');" \
       "$(nproc) cores ($CPU); binary: release \`ewp-node serve\` on 127.0.0.1, no TLS, no nginx."
  echo "Load average when the run started: $LOAD_BEFORE (other work on the machine skews every figure below)."
  echo
  echo "## Signed Echo throughput"
  echo
  echo "wrk 4.1 (-t$WRK_THREADS -c$CONNECTIONS -d${DURATION}s, Benchmarks/echo.lua) on the same machine, POST"
  echo "\`echo=…\` with pre-signed requests (Benchmarks/presign.py: unique X-Request-Id, signed over 8 headers,"
  echo "\`Accept-Signature: rsa-sha256\`, so each request costs the node one RSA-2048 verify and one sign)."
  echo
  echo "| figure | value |"
  echo "|---|---|"
  echo "| requests/s | $RPS |"
  echo "| latency p50 / p99 | $P50 / $P99 |"
  echo "| tail: p99 ÷ p50 (goal ≤ 2) | **$TAIL** ($(verdict "$TAIL" 2 "<=")) |"
  echo "| requests sent / non-2xx | $TOTAL / $NON2XX |"
  [ -n "$ERRORS" ] && echo "| wrk socket errors | ${ERRORS#*: } |"
  echo "| \`openssl speed -seconds 3 -multi 2 rsa2048\`, before / after the run | ${SPEED1% *} / ${SPEED2% *} sign/s, ${SPEED1#* } / ${SPEED2#* } verify/s (2 processes, summed) |"
  echo "| mean used for the bound | $SIGN_S sign/s, $VERIFY_S verify/s |"
  echo "| bound: 1 / (1/sign + 1/verify) | $BOUND req/s |"
  echo "| ratio requests/s ÷ bound (goal ≥ 0.8) | **$RATIO** ($(verdict "$RATIO" 0.8 ">=")) |"
  echo "| node CPU time per request (utime+stime from /proc) / cores it used | $NODE_CPU_MS ms / $NODE_CORES |"
  echo "| one sign + one verify on one core (\`openssl speed -seconds 3 rsa2048\`, one process, after the run) | $RSA_CPU_MS ms |"
  echo "| node CPU per request ÷ (one sign + one verify) (goal ≤ 1.25; insensitive to other load) | **$RSA_CPU_FACTOR** ($(verdict "$RSA_CPU_FACTOR" 1.25 "<=")) |"
  echo "| CPU-time ratio (RSA ÷ node CPU per request) | $CPU_RATIO |"
  echo "| wrk's own CPU during the run (cores of $(nproc), bash \`time\`) | $WRK_CORES |"
  echo "| the HTTP floor: node CPU per unsigned \`GET /health/live\` (same wrk settings, 5 s, $FLOOR_RPS req/s) | $FLOOR_MS ms |"
  echo "| lowest CPU factor reachable above that floor: (sign + verify + floor) ÷ (sign + verify) | $FLOOR_FACTOR |"
  echo "| the EWP floor: node CPU per unsigned POST of the same body to Echo (answered $EWP_FLOOR_STATUS with an error-response; same wrk settings, 5 s, $EWP_FLOOR_RPS req/s, ${EWP_FLOOR_NON2XX:-0} non-2xx) | $EWP_FLOOR_MS ms |"
  echo "| lowest CPU factor reachable above the EWP floor: (sign + verify + EWP floor) ÷ (sign + verify) | $EWP_FLOOR_FACTOR |"
  echo "| highest ratio to the bound reachable with the cores wrk leaves: (sign + verify) ÷ (sign + verify + floor) × (cores − wrk) ÷ cores, above the HTTP floor / above the EWP floor | $RATIO_CEILING / $EWP_RATIO_CEILING |"
  echo "| responses of the load run checked (Benchmarks/verify_responses.py: 200, signature verifies with the server key, X-Request-Id and X-Request-Signature echo a request of the run, Digest matches the body) | $(echo "$VERIFIED" | head -n1) |"
  echo "| load average after the load run | $LOAD_AFTER |"
  echo
  echo "wrk runs on the same 2 cores as the node and takes part of their CPU time during the run."
  [ "$NON2XX" != 0 ] && echo "Non-2xx responses: the run outlasted the pre-signed requests (replays are rejected) or the node refused some; see wrk output below."
  echo
  echo "## Memory"
  echo
  echo "| figure | value |"
  echo "|---|---|"
  echo "| idle RSS after start-up, catalogue loaded (goal ≤ 40 MB) | **$RSS_MB MB** ($(verdict "$RSS_MB" 40 "<=")) |"
  echo "| idle PSS / USS (smaps_rollup; USS = private pages only) | $PSS_MB / $USS_MB MB |"
  echo "| the binary's code resident when idle / its size (.text) | $CODE_RSS_MB / $CODE_MB MB |"
  echo "| functions of the start-up order (\`$ORDER_FILE\`) found in the binary | $ORDER_FOUND |"
  echo "| RSS / PSS / USS right after the load run | $RSS_AFTER_MB / $PSS_AFTER_MB / $USS_AFTER_MB MB |"
  echo "| exit status after SIGTERM | $NODE_EXIT |"
  echo
  echo "## Catalogue parse"
  echo
  echo "$CATALOGUE_SECTION"
  echo
  echo "## wrk output"
  echo
  echo '```'
  cat "$WORK/wrk.out"
  echo '```'
} > "$WORK/generated.md"
# Only the part between the markers is ours: text others wrote around it (analyses) is kept.
python3 Benchmarks/results_block.py "$RESULTS" "$WORK/generated.md" \
  "<!-- make bench: begin (generated by Benchmarks/run.sh; edit only outside these markers) -->" "<!-- make bench: end -->"
log "wrote $RESULTS"
cat "$WORK/generated.md"
[ -n "$VERIFY_OK" ] || { echo "run.sh: not every response of the load run carried a verifying signature: $VERIFIED" >&2; exit 1; }

# --- CNR benchmarks (own set-up and markers) ------------------------------------------------------
if [ -z "${EWP_BENCH_SKIP_CNR:-}" ]; then
  EWP_NODE_BINARY=$BIN EWP_BENCH_RESULTS=$RESULTS bash Benchmarks/cnr.sh
  [ -n "${EWP_BENCH_SKIP_POSTGRES:-}" ] || EWP_BENCH_ENGINE=postgres EWP_NODE_BINARY=$BIN EWP_BENCH_RESULTS=$RESULTS bash Benchmarks/cnr.sh
fi

# --- IIA benchmarks (own set-up and markers) ------------------------------------------------------
if [ -z "${EWP_BENCH_SKIP_IIAS:-}" ]; then
  EWP_NODE_BINARY=$BIN EWP_BENCH_RESULTS=$RESULTS bash Benchmarks/iias.sh
  [ -n "${EWP_BENCH_SKIP_POSTGRES:-}" ] || EWP_BENCH_ENGINE=postgres EWP_NODE_BINARY=$BIN EWP_BENCH_RESULTS=$RESULTS bash Benchmarks/iias.sh
fi
[ -n "${EWP_BENCH_SKIP_LAS:-}" ] || EWP_NODE_BINARY=$BIN EWP_BENCH_RESULTS=$RESULTS bash Benchmarks/las.sh   # LAs/ToRs index/get, LA update
