#!/usr/bin/env bash
# The shipped model's learning curve (issue 12): evaluates every snapshot of the campaign not yet evaluated (on the
# first LIMIT test crops, default 300, 16 completions each: about a minute and a half a snapshot on one core), then
# draws models/coco64-curve.png and its numbers, models/coco64-curve.tsv, with `lacuna curve`.
#   scripts/curve.sh              RUNS (default ~/lacuna-runs), DATA (default ~/lacuna-data), JAR (target/lacuna.jar)
# The evaluations are kept in RUNS/coco64-ship/evals/step-NNNNNNN.json; the TSV in models/ keeps the numbers when the
# run folder is gone. Run it while the campaign is paused, or with OMP_NUM_THREADS=1 taskset -c 0 beside a campaign
# pinned to core 1 (LACUNA_THREADS=1 scripts/campaign.sh start).
set -euo pipefail
shopt -s nullglob
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
RUNS=${RUNS:-$HOME/lacuna-runs}
DATA=${DATA:-$HOME/lacuna-data}
JAR=${JAR:-$repo/target/lacuna.jar}
LIMIT=${LIMIT:-300}
run=$RUNS/coco64-ship
[ -d "$run" ] || { echo "curve.sh: no run folder $run" >&2; exit 1; }
[ -d "$DATA/test-crops" ] || "$here/eval-sets.sh" "$DATA"
mkdir -p "$run/evals"
for snap in "$run"/snapshots/step-*.lacuna; do
    name=$(basename "$snap" .lacuna)
    report=$run/evals/$name.json
    [ -f "$report" ] && continue
    echo "curve.sh: evaluating $name"
    java -jar "$JAR" eval --model "$snap" --data "$DATA/test-crops" --limit "$LIMIT" --samples 16 --json "$report" \
        > "$run/evals/$name.txt"
done
# a run warm-started from a slim model counts from 0 (its steps-before holds the model's step): the curve so far,
# models/coco64-curve.tsv, keeps the earlier runs' points, and this run's are drawn after them (a step measured in
# both keeps this run's numbers, so running this again changes nothing)
before=$(cat "$run/steps-before" 2>/dev/null || echo 0)
earlier=()
[ -f "$repo/models/coco64-curve.tsv" ] && earlier=(--earlier "$repo/models/coco64-curve.tsv")
java -jar "$JAR" curve --run "$run" --evals "$run/evals" --steps-before "$before" "${earlier[@]}" \
    --out "$repo/models/coco64-curve.png" \
    --title "the shipped coco64's campaign" --eval-label "test crops (the first $LIMIT of 1,000)"
