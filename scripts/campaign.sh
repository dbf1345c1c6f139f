#!/usr/bin/env bash
# The shipped coco64's training campaign, run in the background and resumed every session. CAMPAIGN chooses which:
#   free-form (the default; issue 22): the free-form recipe (holes of any shape), run folder coco64-free, slim model
#             models/campaign/coco64-free-campaign.lacuna; a new one warm-starts from that model, else from the
#             centre campaign's (models/campaign/coco64-campaign.lacuna)
#   centre    (issue 12): the photos recipe on the centre hole, run folder coco64-ship, slim model
#             models/campaign/coco64-campaign.lacuna
#
#   scripts/campaign.sh start    resume the campaign (or start it: from the run folder if there is one, else warm
#                                from models/coco64.lacuna when that model is the campaign's, else from scratch)
#   scripts/campaign.sh status   the last progress and validation lines
#   scripts/campaign.sh pause    SIGSTOP the training (while tests or benchmarks run: two ND4J processes on two
#   scripts/campaign.sh resume   cores slow each other down twenty-fold), and SIGCONT it again
#   scripts/campaign.sh stop     SIGTERM (a nohup job ignores SIGINT): stops at a step boundary with a checkpoint
#   scripts/campaign.sh save     the latest checkpoint's EMA weights, slim, to models/campaign/ (commit them): where
#                                the campaign goes on from when the run folder is lost
#
# Where: RUNS (default ~/lacuna-runs) holds bin/ (a copy of the jar, so rebuilding target/ does not replace it under
# the running JVM) and the run folder coco64-ship/; DATA (default ~/lacuna-data) holds the wallpapers' links
# (scripts/wallpapers.sh). Threads: LACUNA_THREADS (default 2; 1 pins the training to core 1 with taskset).
# -XX:+ExplicitGCInvokesConcurrent makes the trainer's collection at each step boundary a concurrent cycle (33 rather
# than 31 images/s; see docs/PERFORMANCE.md).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
RUNS=${RUNS:-$HOME/lacuna-runs}
DATA=${DATA:-$HOME/lacuna-data}
CAMPAIGN=${CAMPAIGN:-free-form}
case "$CAMPAIGN" in
free-form) run=$RUNS/coco64-free; recipe=free-form; slim=$repo/models/campaign/coco64-free-campaign.lacuna
    fallback=$repo/models/campaign/coco64-campaign.lacuna ;;
centre) run=$RUNS/coco64-ship; recipe=photos; slim=$repo/models/campaign/coco64-campaign.lacuna; fallback= ;;
*) echo "CAMPAIGN must be free-form or centre, not $CAMPAIGN" >&2; exit 2 ;;
esac
pidfile=$run/train.pid
threads=${LACUNA_THREADS:-2}

# The step a model file records (its header's "step"): the steps its weights had.
model_step() { python3 -c 'import json, sys, zipfile; print(json.load(zipfile.ZipFile(sys.argv[1]).open("lacuna.json"))["step"])' "$1"; }

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

case "${1:-status}" in
start)
    if running; then echo "already running (pid $(cat "$pidfile"))"; exit 0; fi
    [ -d "$DATA/train" ] || "$here/wallpapers.sh" "$DATA"
    if [ ! -f "$RUNS/bin/lacuna.jar" ]; then
        (cd "$repo" && mvn -q -DskipTests package)
        mkdir -p "$RUNS/bin" && cp -r "$repo/target/lacuna.jar" "$repo/target/lib" "$RUNS/bin/"
    fi
    mkdir -p "$run"
    args=(train --run "$run")
    if [ ! -f "$run/config.json" ]; then
        args+=(--preset coco64 --recipe "$recipe" --data "$DATA/train")
        from=
        if [ -f "$slim" ]; then from=$slim; elif [ -n "$fallback" ] && [ -f "$fallback" ]; then from=$fallback; fi
        if [ -n "$from" ]; then
            # the run folder is gone: go on from the campaign's latest slim model in the repository (its EMA
            # weights; the optimizer starts afresh, without a second KL warm-up; the trainer goes on with the data,
            # holes and noise from the step the model records)
            args+=(--init "$from" --kl-warmup 0)
            model_step "$from" > "$run/steps-before"
            echo "no run folder: warm start from ${from#$repo/} ($(cat "${from%.lacuna}.txt" 2>/dev/null | head -1))"
        elif grep -q '"recipe" *: *"photos"' "$repo/models/coco64.json" 2>/dev/null; then
            args+=(--init "$repo/models/coco64.lacuna" --kl-warmup 0)
            model_step "$repo/models/coco64.lacuna" > "$run/steps-before"
            echo "no run folder: warm start from models/coco64.lacuna"
        fi
    fi
    pin=()
    if [ "$threads" = 1 ]; then pin=(taskset -c 1); fi
    OMP_NUM_THREADS=$threads nohup "${pin[@]}" java -Xmx6g -XX:+ExplicitGCInvokesConcurrent -jar "$RUNS/bin/lacuna.jar" "${args[@]}" \
        >> "$run/train.log" 2>&1 &
    echo $! > "$pidfile"
    echo "started pid $! ($threads threads): tail -f $run/train.log"
    ;;
save)
    # the campaign's latest EMA weights, slim, into the repository (models/campaign/), so that it can go on from
    # there on a machine without the run folder; commit them at the end of a session
    [ -f "$run/checkpoints/latest.lacuna" ] || { echo "no checkpoint in $run" >&2; exit 1; }
    mkdir -p "$repo/models/campaign"
    cp "$run/checkpoints/latest.lacuna" "$RUNS/latest-copy.lacuna"
    # a run warm-started from a slim model counts from 0: its steps-before file holds that model's step
    before=$(cat "$run/steps-before" 2>/dev/null || echo 0)
    # the repository's build when there is one (the running training's copy in bin/ may predate --steps-before)
    jar=${JAR:-$repo/target/lacuna.jar}
    [ -f "$jar" ] || jar=$RUNS/bin/lacuna.jar
    java -jar "$jar" export --model "$RUNS/latest-copy.lacuna" --steps-before "$before" --lacuna "$slim"
    step=$(model_step "$slim")
    last=$(grep -E "^validation" "$run/train.log" | tail -1)
    printf 'EMA weights of step %s in all (batch 32; the run %s counts from %s); its last %s; saved %s\n' "$step" "$run" \
        "$before" "$last" "$(date -u +%FT%TZ)" \
        > "${slim%.lacuna}.txt"
    rm -f "$RUNS/latest-copy.lacuna"
    cat "${slim%.lacuna}.txt"
    ;;
status)
    grep -E "^step|^validation" "$run/train.log" 2>/dev/null | tail -3 || echo "no campaign log at $run"
    running && echo "running (pid $(cat "$pidfile"))" || echo "not running"
    ;;
pause) running && kill -STOP "$(cat "$pidfile")" && echo paused ;;
resume) running && kill -CONT "$(cat "$pidfile")" && echo resumed ;;
stop) running && kill -CONT "$(cat "$pidfile")" && kill -TERM "$(cat "$pidfile")" && echo "stopping at a step boundary" ;;
*) echo "usage: $0 start|status|pause|resume|stop|save" >&2; exit 2 ;;
esac
