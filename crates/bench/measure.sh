#!/usr/bin/env bash
# Reproduces the figures in the closing notes, on generated libraries, in one session:
#   bash crates/bench/measure.sh [N...]        (default: 10000 100000)
# Needs ripgrep (rg) and GNU time (/usr/bin/time) for the comparisons; installs nothing.
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=("${@:-10000 100000}")
[ $# -gt 0 ] || sizes=(10000 100000)
work=${GAZETTE_MEASURE_DIR:-$(mktemp -d)}
cargo build --release --quiet --example gen-corpus
cargo build --release --quiet
bin=target/release/gazette
ms() { python3 -c "import sys; print(f'{float(sys.argv[1])*1000:.0f} ms')" "$1"; }
secs() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); python3 -c "print($e-$s)"; }
for n in "${sizes[@]}"; do
  dir="$work/corpus-$n"
  [ -d "$dir" ] || target/release/examples/gen-corpus "$dir" "$n" 1 >/dev/null
  cache="$work/cache-$n"
  echo "== $n articles ($(du -sh "$dir" | cut -f1))"
  # Warm the page cache, then time each three times and keep the best.
  rg -c '^title:' "$dir" >/dev/null
  best() { local b=999; for _ in 1 2 3; do t=$(secs "$@"); b=$(python3 -c "print(min($b,$t))"); done; echo "$b"; }
  rg_t=$(best rg -c '^title:' "$dir")
  load_t=$(best env XDG_CACHE_HOME="$cache" "$bin" check --no-cache "$dir")
  XDG_CACHE_HOME="$cache" "$bin" check "$dir" >/dev/null || true   # write the cache
  warm_t=$(best env XDG_CACHE_HOME="$cache" "$bin" check "$dir")
  echo "rg -c '^title:'              $(ms "$rg_t")"
  echo "gazette check --no-cache     $(ms "$load_t")  (ratio to rg: $(python3 -c "print(f'{$load_t/$rg_t:.2f}')"))"
  echo "gazette check, warm cache    $(ms "$warm_t")  (ratio to rg: $(python3 -c "print(f'{$warm_t/$rg_t:.2f}')"))"
  /usr/bin/time -f "peak RSS, check --no-cache: %M KiB" env XDG_CACHE_HOME="$cache" "$bin" check --no-cache "$dir" >/dev/null 2>"$work/time-$n" || true
  tail -1 "$work/time-$n"
  GAZETTE_BENCH_DIR="$dir" cargo bench --quiet -p gazette-bench --bench startup 2>/dev/null | sed 's/^/startup: /'
done
echo "== key press → frame at 100,000 articles (update + render)"
cargo bench --quiet -p gazette-bench --bench keys 2>/dev/null
echo "== search (see crates/bench/benches/search.rs for options)"
GAZETTE_BENCH_SEED=1 GAZETTE_BENCH_CORPUS="$work/corpus-100000" cargo bench --quiet -p gazette-bench --bench search 2>/dev/null || true
