#!/usr/bin/env bash
# Builds ewp-fuzz and runs fuzz targets for a bounded time each (README.md, "Fuzzing").
#   Fuzz/fuzz.sh [target ...]        default: every target
#   FUZZ_SECONDS=60                  time per target (libFuzzer -max_total_time)
# Exits non-zero when a target crashed, leaked, timed out (10 s for one input) or went over its
# memory limit; the input that did it is in .build-fuzz/artifacts/<target>/, the log in
# .build-fuzz/logs/<target>.log. Reproduce one with:
#   EWP_FUZZ_TARGET=<target> .build-fuzz/release/ewp-fuzz <artifact file>
set -euo pipefail
cd "$(dirname "$0")/.."

FUZZ_SECONDS=${FUZZ_SECONDS:-60}
SCRATCH=.build-fuzz
SHARED=../shared/ewp-specs
ALL=(xml iias las tors mobilities catalogue form parameters signature digest httpdate)
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=("${ALL[@]}")

echo "+ swift build -c release --package-path Fuzz --scratch-path $SCRATCH -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library --product ewp-fuzz"
start=$SECONDS
swift build -c release --package-path Fuzz --scratch-path "$SCRATCH" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library --product ewp-fuzz
echo "fuzz build: $((SECONDS - start)) s"
binary="$SCRATCH/release/ewp-fuzz"

# Official examples (read in place from ../shared when it is there) and the tests' own documents.
shared_seeds() {
    local dirs=()
    case "$1" in
        xml) dirs=("$SHARED") ;;
        iias) dirs=("$SHARED/ewp-specs-api-iias" "$SHARED/ewp-specs-api-iias-approval") ;;
        las) dirs=("$SHARED/ewp-specs-api-omobility-las" Tests/EWPModelTests/Fixtures) ;;
        tors) dirs=("$SHARED/ewp-specs-api-imobility-tors" "$SHARED/elmo-schemas" "$SHARED/_supplemental/newer-commits") ;;
        mobilities) dirs=("$SHARED/ewp-specs-api-omobilities" "$SHARED/ewp-specs-api-imobilities") ;;
        catalogue) dirs=("$SHARED/ewp-specs-api-registry") ;;
    esac
    for d in "${dirs[@]}"; do
        [ -d "$d" ] && find "$d" -name '*.xml' -size -256k
    done | paste -sd, -
}

is_xml() { case "$1" in xml|iias|las|tors|mobilities|catalogue) return 0 ;; *) return 1 ;; esac; }

failed=()
for target in "${TARGETS[@]}"; do
    work="$SCRATCH/corpus/$target"
    artifacts="$SCRATCH/artifacts/$target"
    log="$SCRATCH/logs/$target.log"
    mkdir -p "$work" "$artifacts" "$(dirname "$log")"
    seeds="$SCRATCH/seeds-$target.txt"
    shared_seeds "$target" > "$seeds"
    flags=(-max_len=4096)
    is_xml "$target" && flags=(-max_len=65536 -dict=Fuzz/xml.dict)
    case "$target" in form|parameters) flags+=(-dict=Fuzz/parameters.dict) ;; esac
    [ -s "$seeds" ] && flags+=("-seed_inputs=@$seeds")
    status=0
    # Swift's own crash backtracer would read memory under ASan's feet: libFuzzer reports instead.
    SWIFT_BACKTRACE=enable=no EWP_FUZZ_TARGET=$target "$binary" -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" "${flags[@]}" "$work" "Fuzz/Corpus/$target" > "$log" 2>&1 || status=$?
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
    if [ "$status" -eq 0 ]; then
        printf '%-11s ok      %10s executions in %s s\n' "$target" "${runs:-?}" "$FUZZ_SECONDS"
    else
        printf '%-11s FAILED  (exit %s) see %s\n' "$target" "$status" "$log"
        grep -E '^(==[0-9]+==ERROR|SUMMARY|ewp-fuzz:|Fatal error|.*Test unit written to)' "$log" | head -8 | sed 's/^/    /'
        failed+=("$target")
    fi
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzzing failed: ${failed[*]}"
    exit 1
fi
echo "fuzzing: ${#TARGETS[@]} passed, 0 failed"
