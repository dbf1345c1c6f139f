#!/bin/bash
# Makes assets/screenshots/inpaint.png from the real app: opens LadyBird.jpg (mate-backgrounds, GPL-2+, see
# /usr/share/doc/mate-backgrounds/copyright) with Ctrl+O, puts the window's hole over the ladybird, samples with
# Enter (2,2,2, temperature 0.5), pastes one completion and captures the app's window. The coordinates assume a 1400x900 screen.
#
#   Xvfb :42 -screen 0 1400x900x24 &            # and xdotool, ImageMagick (import)
#   mvn -q -DskipTests package
#   assets/screenshots/inpaint.sh [EXTRA_CLASSPATH]
#
# EXTRA_CLASSPATH: a folder holding models/coco64.lacuna, when the build does not ship one yet.
set -e
OUT=assets/screenshots/inpaint.png
EXTRA=${1:+:$1}
export DISPLAY=${DISPLAY:-:42}
OMP_NUM_THREADS=1 java -cp "target/lacuna.jar:target/lib/*$EXTRA" org.lacuna.Main >/tmp/lacuna-screenshot.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null' EXIT
sleep 14
W=$(xdotool search --name "^Lacuna$" | head -1)
xdotool windowfocus --sync "$W"; xdotool key ctrl+o; sleep 3
D=$(xdotool search --name "Open Photo" | head -1)
xdotool windowfocus --sync "$D"; xdotool key ctrl+l; sleep 0.5
xdotool type --delay 20 "/usr/share/backgrounds/mate/nature/LadyBird.jpg"; sleep 0.5; xdotool key Return; sleep 6
# resize by the top-left corner, then move the window so that its hole covers the ladybird
xdotool mousemove 137 250 sleep 0.3 mousedown 1 sleep 0.2 mousemove 200 300 sleep 0.2 mousemove 300 420 \
    sleep 0.2 mousemove 339 451 sleep 0.2 mouseup 1
sleep 0.5
xdotool mousemove 464 576 sleep 0.3 mousedown 1 sleep 0.2 mousemove 490 500 sleep 0.2 mousemove 510 430 \
    sleep 0.2 mouseup 1
sleep 0.5
# then move it by its inside so that the hole sits on the ladybird
xdotool mousemove 590 440 sleep 0.3 mousedown 1 sleep 0.2 mousemove 575 425 sleep 0.2 mousemove 560 412 sleep 0.2 mouseup 1
sleep 0.5
W=$(xdotool search --name "Lacuna" | head -1)
xdotool windowfocus --sync "$W"; xdotool key Return; sleep "${SAMPLE_WAIT:-25}"
# paste the second completion of the first group, then move the pointer out of the way
xdotool mousemove 930 470 click 1; sleep 3
xdotool mousemove 700 880; sleep 1.5
import -window "$(xdotool search --name "Lacuna" | head -1)" "$OUT"
echo "wrote $OUT"
