#!/usr/bin/env bash
# Builds Lacuna's Linux app image, and a .deb where dpkg-deb and fakeroot are installed, then checks them.
#
#   jpackage/build.sh            build the jar (mvn package, tests skipped), then the image, the .deb and the checks
#   jpackage/build.sh --no-build use target/lacuna.jar and target/lib as they are (Maven's app-image profile does this)
#
# What goes in (target/jpackage/Lacuna, about 255 MB; BUDGET_MB, default 300, is checked):
#   runtime/  a jlink-trimmed Java 17 with the JavaFX modules the app needs (base, graphics, controls) as modules
#   lib/app/  lacuna.jar (with the shipped model, the demo photos and the icon) and its libraries, minus what the
#             app never loads: JavaFX's jars (the runtime has them), ND4J's plain CPU natives (the app loads the oneDNN
#             build), and every OpenCV library but core, imgproc, photo and xphoto (Navier-Stokes and Telea need photo,
#             FSR xphoto, which needs no more)
#             (oneDNN's own presets, dnnl and opencl, stay whole: model.DirectSampler samples on them, about 15 MB)
#   lib/Lacuna.png (the icon), the launcher bin/Lacuna, and bin/install-desktop-entry (a menu entry for the unpacked image)
# The .deb (target/jpackage/lacuna_VERSION_amd64.deb) installs to /opt/lacuna with a desktop entry (resources/
# Lacuna.desktop: jpackage's own passes no files to the launcher), the icon and the photo types it opens; it depends
# on GTK 3, which JavaFX loads at run time.
#
# The checks: the image is within its budget; `bin/Lacuna selftest` loads the shipped model and samples one
# completion of a demo photo with ND4J's oneDNN natives and fills it with OpenCV; and, under Xvfb (xvfb package;
# SKIP_WINDOW_CHECK=1 skips it), the launcher opens a demo photo and its window appears (a screenshot is kept in
# target/jpackage/window.png when ImageMagick is installed).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
out=$repo/target/jpackage
BUDGET_MB=${BUDGET_MB:-300}
build=1
[ "${1:-}" = "--no-build" ] && build=0
start=$(date +%s)

say() { printf '%s\n' "build.sh: $*"; }
fail() { printf '%s\n' "build.sh: $*" >&2; exit 1; }

for tool in jlink jpackage unzip zip; do
    command -v "$tool" >/dev/null || fail "$tool is not installed (jlink and jpackage come with the JDK; apt-get install zip unzip)"
done
if [ $build = 1 ]; then
    say "building the jar (mvn package, tests skipped)"
    (cd "$repo" && mvn -q -DskipTests package)
fi
[ -f "$repo/target/lacuna.jar" ] || fail "no target/lacuna.jar: run mvn package first, or drop --no-build"
version=$(unzip -p "$repo/target/lacuna.jar" META-INF/MANIFEST.MF | sed -n 's/^Implementation-Version: *//p' | tr -d '\r')
version=${version%-SNAPSHOT}
version=${version:-0.1.0}
javafx=$(ls "$repo"/target/lib/javafx-base-*-linux.jar 2>/dev/null | head -1)
[ -n "$javafx" ] || fail "no JavaFX jars in target/lib"

rm -rf "$out"
mkdir -p "$out/input/lib"

# ---- the application's jars, without what it never loads
cp "$repo/target/lacuna.jar" "$out/input/"
for jar in "$repo"/target/lib/*.jar; do
    name=$(basename "$jar")
    case "$name" in
        javafx-*) continue ;;                                     # in the runtime, as modules
        nd4j-native-*-linux-x86_64.jar) continue ;;               # the plain natives: the app loads -onednn
        nd4j-native-*-linux-*|nd4j-native-*-windows-*|nd4j-native-*-macosx-*|nd4j-native-*-android-*)
            case "$name" in *linux-x86_64-onednn.jar) ;; *) continue ;; esac ;;
    esac
    cp "$jar" "$out/input/lib/"
done
opencv=$(ls "$out"/input/lib/opencv-*-linux-x86_64.jar 2>/dev/null | head -1)
if [ -n "$opencv" ]; then
    # keep OpenCV's core, imgproc, photo and xphoto (and JavaCPP's metadata): eval.Baselines needs only these
    keep=$(mktemp -d)
    (cd "$keep" && unzip -q "$opencv" \
        'META-INF/*' \
        'org/bytedeco/opencv/linux-x86_64/libopencv_core.so*' 'org/bytedeco/opencv/linux-x86_64/libjniopencv_core.so' \
        'org/bytedeco/opencv/linux-x86_64/libopencv_imgproc.so*' 'org/bytedeco/opencv/linux-x86_64/libjniopencv_imgproc.so' \
        'org/bytedeco/opencv/linux-x86_64/libopencv_photo.so*' 'org/bytedeco/opencv/linux-x86_64/libjniopencv_photo.so' \
        'org/bytedeco/opencv/linux-x86_64/libopencv_xphoto.so*' 'org/bytedeco/opencv/linux-x86_64/libjniopencv_xphoto.so' \
        && rm -f "$opencv" && zip -q -r -X "$opencv" .)
    rm -rf "$keep"
fi

# ---- the runtime: Java 17's modules the libraries use, and JavaFX's as modules
modules=java.base,java.compiler,java.desktop,java.logging,java.management,java.naming,java.net.http,java.prefs
modules=$modules,java.scripting,java.sql,java.xml,jdk.crypto.ec,jdk.management,jdk.unsupported,jdk.zipfs
modules=$modules,javafx.base,javafx.graphics,javafx.controls
say "linking the runtime"
jlink --module-path "$(ls "$repo"/target/lib/javafx-{base,graphics,controls}-*-linux.jar | tr '\n' ':')" \
    --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 --output "$out/runtime"

# ---- the app image
say "packaging the app image"
jpackage --type app-image --name Lacuna --app-version "$version" --vendor "Lacuna" \
    --description "Image inpainting with a conditional hierarchical VAE" \
    --input "$out/input" --main-jar lacuna.jar --main-class org.lacuna.Main \
    --runtime-image "$out/runtime" --icon "$repo/assets/icon/lacuna.png" \
    --java-options "-XX:+ExplicitGCInvokesConcurrent" \
    --dest "$out"
image=$out/Lacuna
cat > "$image/bin/install-desktop-entry" <<'EOF'
#!/bin/sh
# Adds Lacuna to this user's application menu (and "Open with" for photos), pointing at this unpacked image.
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
dir=${XDG_DATA_HOME:-$HOME/.local/share}/applications
mkdir -p "$dir"
cat > "$dir/lacuna.desktop" <<ENTRY
[Desktop Entry]
Type=Application
Name=Lacuna
GenericName=Photo inpainting
Comment=Fill holes in photos with a hierarchical VAE
Exec="$here/bin/Lacuna" %F
Icon=$here/lib/Lacuna.png
Terminal=false
Categories=Graphics;Photography;
MimeType=image/png;image/jpeg;image/bmp;image/gif;image/webp;
ENTRY
command -v update-desktop-database >/dev/null && update-desktop-database "$dir" || true
echo "added $dir/lacuna.desktop"
EOF
chmod +x "$image/bin/install-desktop-entry"
rm -rf "$out/input" "$out/runtime"

size_mb=$(du -sm "$image" | cut -f1)
say "app image: $image, ${size_mb} MB (budget ${BUDGET_MB} MB)"
[ "$size_mb" -le "$BUDGET_MB" ] || fail "the app image is ${size_mb} MB, over its budget of ${BUDGET_MB} MB"

# ---- the .deb, where the tools are
if command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null; then
    say "packaging the .deb"
    assoc=$(mktemp -d)
    for t in png:image/png jpg:image/jpeg jpeg:image/jpeg bmp:image/bmp gif:image/gif webp:image/webp; do
        printf 'extension=%s\nmime-type=%s\ndescription=%s image\n' "${t%%:*}" "${t#*:}" "${t%%:*}" > "$assoc/${t%%:*}.properties"
    done
    assoc_args=()
    for f in "$assoc"/*.properties; do assoc_args+=(--file-associations "$f"); done
    jpackage --type deb --app-image "$image" --name Lacuna --app-version "$version" --vendor "Lacuna" \
        --description "Image inpainting with a conditional hierarchical VAE" \
        --linux-package-name lacuna --linux-shortcut --linux-menu-group "Graphics" --linux-app-category graphics \
        --linux-deb-maintainer "lacuna@localhost" --resource-dir "$here/resources" \
        --linux-package-deps "libgtk-3-0, libxtst6" \
        --icon "$repo/assets/icon/lacuna.png" "${assoc_args[@]}" --dest "$out"
    rm -rf "$assoc"
    deb=$(ls "$out"/lacuna_*.deb | head -1)
    say "deb: $deb, $(du -m "$deb" | cut -f1) MB"
    ctl=$(mktemp -d)
    dpkg-deb -e "$deb" "$ctl"
    cmp -s "$ctl/postinst" "$here/resources/postinst" || fail "the .deb's postinst is not resources/postinst"
    dpkg-deb -x "$deb" "$ctl/root"
    grep -q '^Exec=/opt/lacuna/bin/Lacuna %F$' "$ctl/root/opt/lacuna/lib/lacuna-Lacuna.desktop" \
        || fail "the .deb's desktop entry does not pass files to the launcher"
    rm -rf "$ctl"
else
    say "no .deb: dpkg-deb and fakeroot are needed (apt-get install fakeroot)"
fi

# ---- the checks
say "self-test inside the image"
"$image/bin/Lacuna" selftest || fail "the self-test inside the image failed"

if [ "${SKIP_WINDOW_CHECK:-0}" != 1 ]; then
    command -v Xvfb >/dev/null && command -v xdotool >/dev/null \
        || fail "the window check needs Xvfb and xdotool (apt-get install xvfb xdotool), or SKIP_WINDOW_CHECK=1"
    display=:$((90 + RANDOM % 100))
    Xvfb "$display" -screen 0 1400x900x24 >/dev/null 2>&1 &
    xvfb=$!
    home=$(mktemp -d)   # a fresh user: no preferences, no caches
    HOME=$home DISPLAY=$display "$image/bin/Lacuna" "$repo/assets/demo/wine-and-drum.jpg" > "$out/window-check.log" 2>&1 &
    app=$!
    found=""
    for _ in $(seq 1 120); do
        found=$(DISPLAY=$display xdotool search --name "wine-and-drum.jpg — Lacuna" 2>/dev/null | head -1 || true)
        [ -n "$found" ] && break
        kill -0 $app 2>/dev/null || break
        sleep 1
    done
    if [ -n "$found" ]; then
        sleep 3
        command -v import >/dev/null && DISPLAY=$display import -window root "$out/window.png" || true
    fi
    kill $app 2>/dev/null || true
    wait $app 2>/dev/null || true
    kill $xvfb 2>/dev/null || true
    rm -rf "$home"
    [ -n "$found" ] || fail "the launcher's window did not appear under Xvfb within 120 s (see $out/window-check.log)"
    if grep -E "Exception|Error:" "$out/window-check.log" >/dev/null; then
        fail "the app logged an exception under Xvfb (see $out/window-check.log)"
    fi
    say "window check: the window appeared with the demo photo${found:+ (screenshot: $out/window.png)}"
fi
say "done in $(( $(date +%s) - start )) s"
