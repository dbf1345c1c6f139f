#!/bin/bash
# Makes assets/screenshots/evaluate.png from the real app: in the Evaluate tab, the shipped model against the
# campaign's model of step 6,000 (models/campaign/coco64-campaign.lacuna) on 48 test crops, 16 samples each, seed 7;
# then the gallery ordered by the gain over Navier-Stokes, largest first, and the app's window captured. The coordinates assume a
# 1400x900 screen.
#
#   Xvfb :42 -screen 0 1400x900x24 &            # and xdotool, ImageMagick (import)
#   mvn -q -DskipTests package
#   java -jar target/lacuna.jar crops --out /tmp/eval-crops --count 48 --seed 1 TEST_PHOTOS...
#   assets/screenshots/evaluate.sh /tmp/eval-crops
#
# (The README's screenshot: the nine shared test wallpapers as TEST_PHOTOS, as models/README.md's test crops.)
set -e
CROPS=${1:?"a folder of test crops"}
OUT=assets/screenshots/evaluate.png
export DISPLAY=${DISPLAY:-:42}
OMP_NUM_THREADS=1 java -cp "target/lacuna.jar:target/lib/*" org.lacuna.Main >/tmp/lacuna-screenshot.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null' EXIT
sleep "${START_WAIT:-30}"
W=$(xdotool search --name "^Lacuna$" | head -1)
xdotool windowfocus --sync "$W"
xdotool mousemove 148 57 click 1; sleep 1; xdotool click 1; sleep 2   # the Evaluate tab
xdotool mousemove 133 328 click 1; sleep 0.5                     # the folder
xdotool type --delay 20 "$CROPS"; sleep 0.5
xdotool mousemove 180 412 click --repeat 3 1; sleep 0.3          # images: 48
xdotool key ctrl+a; xdotool type --delay 30 "48"; xdotool key Tab; sleep 0.5
xdotool mousemove 308 224 click 1; sleep 2                       # compare with: a file
D=$(xdotool search --name "A model to compare with" | head -1)
xdotool windowfocus --sync "$D"; xdotool key ctrl+l; sleep 0.5
xdotool type --delay 20 "$PWD/models/campaign/coco64-campaign.lacuna"; sleep 0.5; xdotool key Return; sleep 2
xdotool mousemove 45 545 click 1                                 # Start
sleep "${EVAL_WAIT:-75}"
xdotool mousemove 835 432 click 1; sleep 1.5                     # order: largest gain first
xdotool mousemove 1390 895; sleep 1
import -window "$(xdotool search --name "Lacuna" | head -1)" "$OUT"
echo "wrote $OUT"
