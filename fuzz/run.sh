#!/bin/sh
# Usage: fuzz/run.sh TARGET [SECONDS [LIBFUZZER_ARGS...]]
# Runs one fuzz target for SECONDS (default 1200), one job, one worker, from its committed
# seeds (fuzz/corpus/TARGET/seed-*); the render target gets the HTML dictionary. Logs go to
# fuzz/artifacts/logs (libFuzzer writes its job log to fuzz-0.log in the worktree root first).
set -u
cd "$(dirname "$0")/.."
t=$1; secs=${2:-1200}; shift; [ $# -gt 0 ] && shift
# render reads HTML: its tags and entities are worth more to libFuzzer than random bytes.
[ "$t" = render ] && set -- -dict="$PWD/fuzz/dicts/html.dict" "$@"
mkdir -p fuzz/artifacts/logs
RUSTC_BOOTSTRAP=1 cargo fuzz run "$t" -- -max_total_time="$secs" -jobs=1 -workers=1 \
  -rss_limit_mb=2048 -timeout=10 "$@" > "fuzz/artifacts/logs/$t.run.log" 2>&1
echo "exit $?" >> "fuzz/artifacts/logs/$t.run.log"
[ -f fuzz-0.log ] && mv fuzz-0.log "fuzz/artifacts/logs/$t.$(date +%H%M%S).fuzz-0.log"
