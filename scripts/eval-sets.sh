#!/usr/bin/env bash
# The shipped model's two test sets (issue 12), cut reproducibly with `lacuna crops`:
#   OUT/test-crops   1,000 crops (seed 1) of the nine shared test wallpapers (scripts/wallpapers.sh links them)
#   OUT/other-crops    300 crops (seed 2) of photographs of another kind: OpenCV's sample photos (Debian's
#                      opencv-doc, BSD-3-Clause): aerial, plants, fruit, animals, buildings, streets, sport
#   scripts/eval-sets.sh [OUT]    OUT defaults to ~/lacuna-data; JAR (default target/lacuna.jar) cuts them
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$HOME/lacuna-data}
jar=${JAR:-$here/../target/lacuna.jar}
[ -f "$jar" ] || { echo "eval-sets.sh: $jar is missing: build it with mvn -q -DskipTests package" >&2; exit 1; }
[ -d "$out/test" ] || "$here/wallpapers.sh" "$out"
if ! dpkg -s opencv-doc >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q opencv-doc >/dev/null
fi
d=/usr/share/doc/opencv-doc/examples
other=($d/data/aero1.jpg $d/data/aloeL.jpg $d/data/apple.jpg $d/data/baboon.jpg $d/data/building.jpg
       $d/data/butterfly.jpg $d/data/fruits.jpg $d/data/home.jpg $d/data/leuvenA.jpg $d/data/messi5.jpg
       $d/data/orange.jpg $d/data/graf1.png $d/alphamat/input_images/plant.jpg)
for f in "${other[@]}"; do [ -f "$f" ] || { echo "eval-sets.sh: $f is missing" >&2; exit 1; }; done
[ -d "$out/test-crops" ] || java -jar "$jar" crops --out "$out/test-crops" --count 1000 --seed 1 "$out"/test/*
[ -d "$out/other-crops" ] || java -jar "$jar" crops --out "$out/other-crops" --count 300 --seed 2 "${other[@]}"
echo "eval-sets.sh: $out/test-crops and $out/other-crops"
