#!/usr/bin/env bash
# The wallpaper data set: Debian's wallpaper packages, listed one file a wallpaper in wallpapers.tsv (beside this
# script; columns package, path, width, height, kind, set, licence).
#
#   scripts/wallpapers.sh [OUT]     OUT defaults to ~/lacuna-data
#
# Installs the packages (apt-get update only if apt-get install fails), then makes OUT/train/ with a symlink to every
# set=train file of the kinds in KINDS (default "photo abstract": four of the nine test wallpapers are renders, and the
# 33 photos alone are few; KINDS=photo keeps the photographs only) and OUT/test/ with a symlink to each of the nine set=test files (whatever their kind).
# A link is named PACKAGE__NAME: NAME is the wallpaper's folder plus the file's extension for a plasma
# wallpaper (/usr/share/wallpapers/Autumn/contents/images/2560x1600.jpg -> Autumn.jpg), else the path below
# /usr/share/backgrounds/ (and below the package's own folder there, mate/, gnome/ or sway/) with / replaced by _
# (/usr/share/backgrounds/mate/nature/Wood.jpg -> nature_Wood.jpg). Symlinks in OUT/train/ and OUT/test/ that this
# run does not make (from earlier runs) are removed; nothing else there is touched.
# Fails, naming the file, if a listed file is missing; refuses (exit 1) if a test file would land in train.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
tsv=$here/wallpapers.tsv
out=${1:-$HOME/lacuna-data}
kinds=" ${KINDS:-photo abstract} "

die() { echo "wallpapers.sh: $*" >&2; exit 1; }

# The nine shared test files, as PACKAGE__NAME link names.
test_names=(
    lomiri-wallpapers__warty-final-ubuntu.png
    lomiri-wallpapers-16.04__Wine_by_Jakkub_Mede.jpg
    lomiri-wallpapers-20.04__Fossa_by_Jasper_Roks.jpg
    mate-backgrounds__nature_Wood.jpg
    plasma-workspace-wallpapers__ColdRipple.jpg
    plasma-workspace-wallpapers__ColorfulCups.jpg
    plasma-workspace-wallpapers__Kay.png
    plasma-workspace-wallpapers__Patak.png
    plasma-workspace-wallpapers__summer_1am.jpg
)

[ -f "$tsv" ] || die "the list $tsv is missing"
header=$(head -n 1 "$tsv")
[ "$header" = $'package\tpath\twidth\theight\tkind\tset\tlicence' ] || die "$tsv: unexpected header: $header"

# --- Install the packages -----------------------------------------------------------------------------------------
mapfile -t packages < <(tail -n +2 "$tsv" | cut -f1 | sort -u)
[ "${#packages[@]}" -gt 0 ] || die "$tsv lists no wallpapers"
export DEBIAN_FRONTEND=noninteractive
sudo=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "installing ${packages[*]} needs root (or sudo)"
    sudo=(sudo --preserve-env=DEBIAN_FRONTEND)
fi
if ! "${sudo[@]}" apt-get install -y -q "${packages[@]}" >/dev/null; then
    echo "wallpapers.sh: apt-get install failed; running apt-get update and trying again" >&2
    "${sudo[@]}" apt-get update -q >/dev/null
    "${sudo[@]}" apt-get install -y -q "${packages[@]}" >/dev/null || die "apt-get install ${packages[*]} failed"
fi

# --- Read the list --------------------------------------------------------------------------------------------------
link_name() { # PACKAGE PATH -> PACKAGE__NAME
    local pkg=$1 path=$2 rest
    if [[ $path =~ ^/usr/share/wallpapers/([^/]+)/contents/images/[^/]+\.([A-Za-z0-9]+)$ ]]; then
        rest=${BASH_REMATCH[1]}.${BASH_REMATCH[2]}
    elif [[ $path == /usr/share/backgrounds/* ]]; then
        rest=${path#/usr/share/backgrounds/}
        local own=${pkg%-backgrounds}
        own=${own%-wallpapers}
        [[ $rest == "$own"/* ]] && rest=${rest#"$own"/}
    else
        rest=${path#/}
    fi
    printf '%s__%s' "$pkg" "${rest//\//_}"
}

declare -A target=() seen=() is_test=()
train=() tests=() missing=() wrong=()
for n in "${test_names[@]}"; do is_test[$n]=1; done
line=1
while IFS=$'\t' read -r pkg path width height kind set licence; do
    line=$((line + 1))
    [ -n "$pkg" ] || continue
    [ -n "$licence" ] || die "$tsv line $line: expected 7 tab-separated columns"
    case $kind in photo | abstract) ;; *) die "$tsv line $line: kind '$kind' is neither photo nor abstract" ;; esac
    case $set in train | test) ;; *) die "$tsv line $line: set '$set' is neither train nor test" ;; esac
    [ -e "$path" ] || missing+=("$path ($pkg)")
    name=$(link_name "$pkg" "$path")
    [ -z "${seen[$name]:-}" ] || die "$tsv line $line: link name $name is also made for ${seen[$name]}"
    seen[$name]=$path
    target[$name]=$path
    if [ -n "${is_test[$name]:-}" ] && [ "$set" != test ]; then wrong+=("$path (a test file, listed as set=$set)"); fi
    if [ -z "${is_test[$name]:-}" ] && [ "$set" = test ]; then wrong+=("$path (set=test but not one of the nine test files)"); fi
    if [ "$set" = test ]; then tests+=("$name"); elif [[ $kinds == *" $kind "* ]]; then train+=("$name"); fi
done < <(tail -n +2 "$tsv")

if [ "${#missing[@]}" -gt 0 ]; then
    printf 'wallpapers.sh: a listed file is missing: %s\n' "${missing[@]}" >&2
    exit 1
fi
for n in "${test_names[@]}"; do
    [ -n "${seen[$n]:-}" ] || die "the test file $n is not listed in $tsv"
done

# No test file may reach train: not by its row, nor as the same file under another path (a link or a copy's path).
declare -A test_real=()
for n in "${tests[@]}"; do test_real[$(readlink -f "${target[$n]}")]=$n; done
for n in "${train[@]}"; do
    real=$(readlink -f "${target[$n]}")
    [ -z "${test_real[$real]:-}" ] || wrong+=("${target[$n]} (the test file ${test_real[$real]}, listed again for train)")
done
if [ "${#wrong[@]}" -gt 0 ]; then
    printf 'wallpapers.sh: refusing: a test file would land in train: %s\n' "${wrong[@]}" >&2
    exit 1
fi

# --- Make the links -------------------------------------------------------------------------------------------------
stale=0
link_all() { # DIR NAME...
    local dir=$1 n f
    shift
    mkdir -p "$dir"
    declare -A want=()
    for n in "$@"; do want[$n]=1; done
    for f in "$dir"/* "$dir"/.[!.]*; do
        if [ -L "$f" ] && [ -z "${want[$(basename "$f")]:-}" ]; then rm -f -- "$f"; stale=$((stale + 1)); fi
    done
    for n in "$@"; do
        f=$dir/$n
        if [ -e "$f" ] && [ ! -L "$f" ]; then die "$f exists and is not a symlink; not replacing it"; fi
        ln -sfn -- "${target[$n]}" "$f"
    done
}
link_all "$out/train" "${train[@]}"
link_all "$out/test" "${tests[@]}"

rows=$(( $(wc -l < "$tsv") - 1 ))
echo "wallpapers.sh: $rows wallpapers listed; $out/train: ${#train[@]} links (${kinds# }); $out/test: ${#tests[@]} links;" \
    "$stale stale links removed"
