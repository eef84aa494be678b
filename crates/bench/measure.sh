#!/usr/bin/env bash
# The figures of the closing notes (issue 13's table, as far as they exist today), on generated
# libraries, in one session, as ratios against ripgrep measured in the same run:
#   bash crates/bench/measure.sh [N...]        (default: 20000 100000)
#   bash crates/bench/measure.sh 20000 100000 1000000
# Per size: `rg -c '^title:'` (the baseline: every file read once), `list --json --no-cache`,
# warm `list --json` (cache valid, every file checked), the peak memory of the warm one,
# full-text search through `list --search` (a word found only in bodies), the reader's query
# through the index (first results / complete), then the reader's start-up bench. Once at the
# end: the keys bench and the search bench.
#
# Needs: bash 5, cargo, ripgrep (rg), GNU time (/usr/bin/time), awk. Installs nothing.
# A million articles take about 6.5 GB on disk (a thousand folders of a thousand files) and
# a few minutes to write; corpora are kept in $GAZETTE_MEASURE_DIR (default: a new temporary folder,
# which this script does not delete: remove it when done) and reused when they are complete.
# GAZETTE_MEASURE_NO_BENCH=1 leaves out the cargo benches (they build criterion).
# Times are the best of three runs, with the page cache warm (what a second start sees).
set -euo pipefail
cd "$(dirname "$0")/../.."
export LC_ALL=C   # a decimal point in $EPOCHREALTIME and awk, whatever the locale

missing=()
[ -n "${EPOCHREALTIME:-}" ] || missing+=("bash 5 (\$EPOCHREALTIME)")
command -v rg >/dev/null || missing+=("ripgrep (rg)")
/usr/bin/time --version 2>&1 | grep -q GNU || missing+=("GNU time at /usr/bin/time")
command -v awk >/dev/null || missing+=("awk")
if [ ${#missing[@]} -gt 0 ]; then
  printf 'measure.sh: missing: %s\n' "${missing[@]}" >&2
  exit 2
fi
if [ $# -gt 0 ]; then sizes=("$@"); else sizes=(20000 100000); fi
for n in "${sizes[@]}"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "measure.sh: not a number of articles: $n" >&2; exit 2; }
done

work=${GAZETTE_MEASURE_DIR:-$(mktemp -d)}
mkdir -p "$work"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "corpora in $work"
cargo build --release --quiet --example gen-corpus
cargo build --release --quiet
cargo build --release --quiet --example fulltext-bench
bin=$PWD/target/release/gazette
# gazette with its own configuration, state and cache: nothing of the user's is read or written.
home="$work/home"
mkdir -p "$home"
gz() { env XDG_CONFIG_HOME="$home/config" XDG_STATE_HOME="$home/state" XDG_CACHE_HOME="$home/cache-$n" "$bin" "$@"; }

now() { echo "$EPOCHREALTIME"; }
# Seconds one run of a command takes, its output thrown away.
secs() { local s e; s=$(now); "$@" >/dev/null 2>&1 || true; e=$(now); awk -v s="$s" -v e="$e" 'BEGIN { print e - s }'; }
# Best of three runs; one run from 500,000 articles on (each takes minutes there).
best() { local b=999999 t k=3; [ "$n" -ge 500000 ] && k=1; for _ in $(seq "$k"); do t=$(secs "$@"); b=$(awk -v a="$b" -v t="$t" 'BEGIN { print (t < a ? t : a) }'); done; echo "$b"; }
ms() { awk -v t="$1" 'BEGIN { printf "%8.0f ms", t * 1000 }'; }
ratio() { awk -v t="$1" -v r="$2" 'BEGIN { printf "%.2f", t / r }'; }
row() { printf '%-34s %s   (%s× rg)\n' "$1" "$(ms "$2")" "$(ratio "$2" "$rg_t")"; }

for n in "${sizes[@]}"; do
  dir="$work/corpus-$n"
  if [ ! -d "$dir" ]; then
    # Enough room? About 7 KiB a file on disk (2–8 KB files in 4 KiB blocks), plus a margin.
    need=$((n * 7 + 1048576))
    free=$(df -Pk "$work" | awk 'NR == 2 { print $4 }')
    if [ "$free" -lt "$need" ]; then
      echo "measure.sh: $n articles need about $((need / 1048576)) GiB in $work; $((free / 1048576)) GiB free" >&2
      exit 1
    fi
    # Written under another name first, so an interrupted run is not reused as complete.
    rm -rf "$dir.partial"
    target/release/examples/gen-corpus "$dir.partial" "$n" 1 >/dev/null 2>"$work/gen-$n"
    mv "$dir.partial" "$dir"
    echo "(generated $n articles: $(tail -1 "$work/gen-$n"))"
  fi
  echo
  echo "== $n articles ($(du -sh "$dir/" | cut -f1))"
  rg -c '^title:' "$dir" >/dev/null   # the page cache, warm for everyone
  rg_t=$(best rg -c '^title:' "$dir")
  printf '%-34s %s\n' "rg -c '^title:'" "$(ms "$rg_t")"
  row "list --json --no-cache" "$(best gz list --json --no-cache "$dir")"
  rm -rf "$home/cache-$n"
  gz list --json "$dir" >/dev/null   # writes the cache
  row "list --json, warm cache" "$(best gz list --json "$dir")"
  /usr/bin/time -f %M -o "$work/rss-$n" env XDG_CONFIG_HOME="$home/config" XDG_STATE_HOME="$home/state" \
    XDG_CACHE_HOME="$home/cache-$n" "$bin" list --json "$dir" >/dev/null
  kib=$(tail -1 "$work/rss-$n")
  printf '%-34s %8.0f MB   (%s B per article)\n' "peak memory, list --json warm" "$((kib / 1024))" "$((kib * 1024 / n))"
  # Full text: a marker word the generator puts in about 1% of the Chinese bodies and in no
  # title. With no index, `list --search` scans every body; rg -l is the same job.
  word=托卡耶夫
  row "list --search WORD, warm" "$(best gz list --json --search "$word" "$dir")"
  row "rg -l WORD" "$(best rg -l -F "$word" "$dir")"
  hits=$(gz list --json --search "$word" "$dir" | wc -l)
  files=$(rg -l -F "$word" "$dir" | wc -l)
  echo "  (WORD = $word: $hits articles found by gazette, $files files by rg)"
  # The full-text index, built from nothing beside the warm cache (one run), its size against
  # the articles' bytes, then the same search answered through it.
  row "gazette index, from nothing" "$(secs gz index "$dir")"
  index_kib=$(du -sk "$home/cache-$n"/gazette/*.index | awk '{ s += $1 } END { print s }')
  text_kib=$(du -sk --apparent-size "$dir/" | cut -f1)
  printf '%-34s %8.0f MB   (%s%% of the articles'"'"' %s MB)\n' "index size" "$((index_kib / 1024))" \
    "$((index_kib * 100 / text_kib))" "$((text_kib / 1024))"
  row "list --search WORD, index ready" "$(best gz list --json --search "$word" "$dir")"
  hits=$(gz list --json --search "$word" "$dir" | wc -l)
  echo "  (through the index: $hits articles)"
  # The reader's `/` through the same index (its background indexer, then `spawn_scan`):
  # first results handed over / complete, best of three, for a Chinese and a Latin word.
  env GAZETTE_BENCH_CORPUS="$dir" GAZETTE_BENCH_INDEX="$(ls -d "$home/cache-$n"/gazette/*.index | head -1)" \
    GAZETTE_BENCH_READER=only GAZETTE_BENCH_QUERIES="$word|zanzibar" target/release/examples/fulltext-bench \
    | sed 's/^reader: /reader query: /'
  [ -n "${GAZETTE_MEASURE_NO_BENCH:-}" ] && continue
  GAZETTE_BENCH_DIR="$dir" cargo bench --quiet -p gazette-bench --bench startup 2>/dev/null \
    | tee "$work/startup-$n" | grep -v '^warm verified seconds' | sed 's/^/startup: /'
  # The reader's warm start until every file is checked, against the same rg.
  checked=$(awk '/^warm verified seconds:/ { print $4 }' "$work/startup-$n")
  [ -n "$checked" ] && row "reader warm start, all checked" "$checked"
done

[ -n "${GAZETTE_MEASURE_NO_BENCH:-}" ] && exit 0
echo
# Keys at the largest size measured.
keys_n=0
for n in "${sizes[@]}"; do [ "$n" -gt "$keys_n" ] && keys_n=$n; done
echo "== key press → frame at $keys_n articles (update + render)"
GAZETTE_BENCH_N=$keys_n cargo bench --quiet -p gazette-bench --bench keys 2>/dev/null
# The search bench loads its corpus into memory: the largest measured size up to 100,000.
search_n=0
for n in "${sizes[@]}"; do
  if [ "$n" -le 100000 ] && [ "$n" -gt "$search_n" ]; then search_n=$n; fi
done
if [ "$search_n" -gt 0 ]; then
  echo "== search at $search_n articles (see crates/bench/benches/search.rs for options)"
  GAZETTE_BENCH_SEED=1 GAZETTE_BENCH_CORPUS="$work/corpus-$search_n" \
    cargo bench --quiet -p gazette-bench --bench search 2>/dev/null || true
fi
