#!/bin/sh
# Run every fuzz target for SECONDS seconds each (default 60), one after another.
#
#   fuzz/run.sh 60            # all targets
#   fuzz/run.sh 600 markdown  # one target
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). cargo-fuzz passes rustc
# `-Z` flags (sanitizer, coverage instrumentation), which a stable rustc
# accepts only with RUSTC_BOOTSTRAP=1; this script sets it, so no nightly
# toolchain is needed. The first build takes a long while (every dependency
# is built with AddressSanitizer); later runs reuse it.
#
# Each target's working corpus grows in fuzz/corpus/<target>/ (not
# committed), seeded from fuzz/seeds/<target>/ (committed). A crash is saved
# in fuzz/artifacts/<target>/ and makes the script exit 1 after the other
# targets have run; reproduce it with
#   RUSTC_BOOTSTRAP=1 cargo fuzz run -O <target> fuzz/artifacts/<target>/<file>
# The summary (runs per target) is also written to fuzz/last-run.txt.
set -u
seconds=${1:-60}
shift 2>/dev/null || true
cd "$(dirname "$0")" || exit 2
export RUSTC_BOOTSTRAP=1
if [ $# -eq 0 ]; then
    targets=$(cargo fuzz list)
    cargo fuzz build -O || exit 2
else
    targets=$*
    for t in $targets; do cargo fuzz build -O "$t" || exit 2; done
fi

mkdir -p logs
failed=""
summary=""
for t in $targets; do
    mkdir -p "corpus/$t" "seeds/$t"
    echo "== $t: $seconds s"
    cargo fuzz run -O "$t" "corpus/$t" "seeds/$t" -- \
        -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 -max_len=65536 \
        -print_final_stats=1 > "logs/$t.log" 2>&1
    status=$?
    runs=$(sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\1 runs in \2 s/p' "logs/$t.log" | tail -n 1)
    [ -n "$runs" ] || runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "logs/$t.log" | tail -n 1)" runs"
    if [ "$status" -ne 0 ]; then
        failed="$failed $t"
        line="$t: CRASH after $runs (see fuzz/logs/$t.log, fuzz/artifacts/$t/)"
    else
        line="$t: $runs, no crash"
    fi
    echo "$line"
    summary="$summary$line
"
done
printf '%s' "$summary" > last-run.txt
echo
printf '%s' "$summary"
if [ -n "$failed" ]; then
    echo "crashed:$failed"
    exit 1
fi
