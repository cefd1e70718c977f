# Set-up shared by the benchmark scripts (run.sh, iias.sh, las.sh); sourced, never run.
# Needs $BIN (the release ewp-node), $PY (python3 with cryptography) and, for start_node, $PORT.

# bench_init NAME: a fresh work folder $WORK, removed on exit unless EWP_BENCH_KEEP is set; the
# processes in $PIDS are stopped on exit; $LOAD_BEFORE is the load average now.
bench_init() {
  BENCH_NAME=$1
  WORK=$(mktemp -d "/tmp/ewp-bench-$1.XXXXXX")
  PIDS=()
  trap bench_cleanup EXIT
  LOAD_BEFORE=$(load)
}

bench_cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  if declare -F stop_postgres >/dev/null; then stop_postgres; fi   # Benchmarks/postgres.sh, when sourced
  if [ -n "${EWP_BENCH_KEEP:-}" ]; then echo "files kept in $WORK"; else rm -rf "$WORK"; fi
}

# rsa_ms: milliseconds of one RSA-2048 sign plus one verify on one core (a signed request costs both).
rsa_ms() {
  openssl speed -seconds 3 rsa2048 2>/dev/null | awk '/^rsa 2048 bits/ { printf "%.3f", 1000 * (1/$(NF-1) + 1/$NF) }' | tail -n1
}

# cpu_ticks PID: user + system CPU of a process so far, in ticks of $CLK_TCK.
CLK_TCK=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# verify_run NAME PATH: checks every response wrk recorded in $WORK/NAME.responses.* (Benchmarks/echo.lua with
# EWP_BENCH_RESPONSES) against the requests of $WORK/NAME.tsv, sent to PATH, with Benchmarks/verify_responses.py
# and the node's server key of $HEI; prints its summary ("<n> responses, <v> verified, <f> failed"), removes
# the recorded responses, and fails (printing the failures to stderr) if one does not verify.
verify_run() {
  local out status=0
  out=$("$PY" Benchmarks/verify_responses.py --server-key "$WORK/keys/$HEI/server.pub.pem" --requests "$WORK/$1.tsv" \
    --path "$2" "$WORK/$1".responses.* 2>&1) || status=$?
  rm -f "$WORK/$1".responses.*
  if [ $status != 0 ]; then echo "responses of $1 not verified: $out" >&2; return 1; fi
  echo "$out" | head -n1
}

log() { echo "[bench $BENCH_NAME $(date -u +%H:%M:%S)] $*" >&2; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

# start_registry: serves $WORK/catalogue-v1.xml on a free port and exports EWP_REGISTRY_URL (plain
# http on 127.0.0.1, so also EWP_ALLOW_HTTP=loopback: the node refuses http otherwise).
start_registry() {
  "$PY" Scripts/test_registry.py --catalogue "$WORK/catalogue-v1.xml" --port 0 > "$WORK/registry.log" 2>&1 &
  PIDS+=($!)
  # The port line may not be written yet: a missing log file is not an error (set -e).
  for _ in $(seq 400); do REG_PORT=$(head -n1 "$WORK/registry.log" 2>/dev/null | tr -dc 0-9 || true); [ -n "$REG_PORT" ] && break; sleep 0.05; done
  [ -n "${REG_PORT:-}" ] || { echo "registry did not start:"; cat "$WORK/registry.log"; exit 1; }
  export EWP_REGISTRY_URL=http://127.0.0.1:$REG_PORT/catalogue-v1.xml
  export EWP_ALLOW_HTTP=loopback
}

# start_node: runs `$BIN serve` in $WORK (log in $WORK/node.log) and waits until /health/ready answers
# 200; $NODE_PID is its process.
start_node() {
  (cd "$WORK" && exec "$BIN" serve) > "$WORK/node.log" 2>&1 &
  NODE_PID=$!
  PIDS+=($NODE_PID)
  local ready=""
  for _ in $(seq 600); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$PORT/health/ready" 2>/dev/null; then ready=1; break; fi
    kill -0 $NODE_PID 2>/dev/null || break
    sleep 0.05
  done
  [ -n "$ready" ] || { echo "node not ready:"; tail -50 "$WORK/node.log"; exit 1; }
}
