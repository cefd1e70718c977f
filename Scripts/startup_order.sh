#!/usr/bin/env bash
# Writes Sources/ewp-node/startup.order (`make startup-order`): the functions of the release binary that
# `ewp-node serve` runs from start-up until it is ready and idle with a catalogue loaded, and while it
# answers its first requests. The release link places them side by side (lld --symbol-ordering-file,
# Package.swift), so that start-up touches a few MB of code instead of pages spread over all 33 MB:
# the kernel maps 64 kB around each page a process touches first (fault-around), and scattered
# start-up code made ~20 MB of the binary resident (Benchmarks/RESULTS.md, "Idle memory").
# A function missing from the list still works; it is only placed with the rarely used code, so the
# list is regenerated when start-up changes much (the idle RSS of `make bench` shows when).
# Runs the node under valgrind's callgrind (it records every function executed), on 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
PY=${EWP_TEST_PYTHON:-python3}
BIN=${EWP_NODE_BINARY:-$REPO/.build/release/ewp-node}
OUT=${1:-$REPO/Sources/ewp-node/startup.order}
[ -x "$BIN" ] || { echo "startup_order.sh: $BIN missing: run 'make release'" >&2; exit 1; }
for tool in valgrind objcopy curl; do command -v $tool >/dev/null || { echo "startup_order.sh: $tool missing" >&2; exit 1; }; done

source Benchmarks/lib.sh
bench_init order
free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

HEI=order-node.example.org
PORT=$(free_port)
export EWP_KEYS_DIR=$WORK/keys EWP_HEIS=$HEI EWP_ADMIN_EMAIL=ewp-admin@$HEI
export EWP_PUBLIC_URL=https://127.0.0.1:$PORT EWP_LISTEN=127.0.0.1:$PORT
export EWP_DATABASE=sqlite:$WORK/node.sqlite EWP_REGISTRY_REFRESH=300 EWP_SCHEMAS_DIR=$REPO/Schemas
(cd "$WORK" && "$BIN" keys generate >/dev/null)
(cd "$WORK" && "$BIN" manifest --hei "$HEI") > "$WORK/manifest.xml"
"$PY" Scripts/build_catalogue.py --manifest "$WORK/manifest.xml" --out "$WORK/catalogue-v1.xml"
start_registry

# valgrind 3.19 cannot read the DWARF 5 debug information Swift writes: a copy without it keeps the
# symbol table, which is all the list needs.
objcopy --strip-debug "$BIN" "$WORK/ewp-node"
log "callgrind: $BIN serve on 127.0.0.1:$PORT"
(cd "$WORK" && exec valgrind --tool=callgrind --callgrind-out-file="$WORK/callgrind.out" --dump-instr=no \
  --compress-strings=no --compress-pos=no --demangle=no "$WORK/ewp-node" serve) > "$WORK/node.log" 2>&1 &
NODE_PID=$!
PIDS+=($NODE_PID)
for _ in $(seq 1200); do
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT/health/ready" 2>/dev/null && break
  kill -0 $NODE_PID 2>/dev/null || { echo "node ended:"; tail -30 "$WORK/node.log"; exit 1; }
  sleep 0.1
done
sleep 5   # idle: the registry refresher and the dispatchers' first rounds
for path in /manifest.xml "/hei/$HEI/manifest.xml" /health/ready /health/live /metrics; do
  curl -s -o /dev/null "http://127.0.0.1:$PORT$path"
done
kill -TERM $NODE_PID; wait $NODE_PID || true

# Every function of the binary callgrind saw, once, without its recursion suffix ('2).
"$PY" - "$WORK/callgrind.out" "$OUT" <<'EOF'
import re, sys
names, seen, obj = [], set(), ""
for line in open(sys.argv[1], errors="replace"):
    if line.startswith("ob="):
        obj = line[3:].strip()
    elif line.startswith("fn=") and obj.endswith("/ewp-node"):
        name = re.sub(r"'\d+$", "", line[3:].strip())
        if name not in seen and not name.startswith("0x") and not name.startswith("("):
            seen.add(name); names.append(name)
with open(sys.argv[2], "w") as out:
    out.write("\n".join(names) + "\n")
print(f"{len(names)} functions written to {sys.argv[2]}")
EOF
