#!/usr/bin/env bash
# How well gazette reads real archives: one row per folder given, from `gazette check` and
# `gazette list --json` (no cache, UTC). Use it before and after a loader change:
#   bash crates/bench/corpus-stats.sh ../shared/corpus/*/
# Columns: files seen, articles, articles with a date, without one, titles equal to the file
# name (a title that fell back to the name), titles shared by more than 3 articles (a wrong
# title repeated), problems reported by `check`. Needs jq; builds the release binary.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --release --quiet
bin=$PWD/target/release/gazette
cd - >/dev/null
printf '%-40s %6s %8s %7s %8s %10s %9s %8s\n' folder files articles dated undated title=name 'shared>3' problems
for dir in "$@"; do
  json=$(TZ=UTC "$bin" list --json --no-cache "$dir" || true)
  check=$(TZ=UTC "$bin" check --no-cache "$dir" 2>&1 || true)
  files=$(printf '%s\n' "$check" | sed -n 's/^\([0-9]*\) files\? seen.*/\1/p' | tail -1)
  problems=$(printf '%s\n' "$check" | grep -c ': \(warning\|error\): ' || true)
  printf '%s\n' "$json" | jq -rs --arg dir "$dir" --arg files "${files:-?}" --arg problems "$problems" '
    def stem: (.path | split("/") | last | sub("\\.[^.]*$"; ""));
    (map(.title) | group_by(.) | map(select(length > 3)) | map(length) | add // 0) as $shared
    | [ $dir, $files, length,
        (map(select(.date != null)) | length),
        (map(select(.date == null)) | length),
        (map(select(.title == stem)) | length),
        $shared, $problems ]
    | @tsv' | awk -F'\t' '{ printf "%-40s %6s %8s %7s %8s %10s %9s %8s\n", $1, $2, $3, $4, $5, $6, $7, $8 }'
done
