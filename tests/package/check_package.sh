#!/usr/bin/env bash
# The Debian package test (ctest imgopt_package): builds the .deb with CPack from the build tree, into a scratch
# folder, and checks it as a user's system would see it:
#   - its contents (dpkg-deb -c): both binaries, translations, .desktop file, hicolor icon, AppStream metainfo,
#     man page, and nothing else (no build tools, nothing outside /usr)
#   - its control fields: dependencies computed by dpkg-shlibdeps, so libvips and Qt appear without being listed
#   - the metadata under desktop-file-validate and appstreamcli (no network)
#   - that the unpacked binaries run: imgopt --version and imgopt-gui --version
# usage: check_package.sh CPACK BUILD_DIR APP_ID VERSION
set -euo pipefail

cpack=${1:?usage: $0 CPACK BUILD_DIR APP_ID VERSION}
build=${2:?} app_id=${3:?} version=${4:?}

fail() { echo "check-package: $*" >&2; exit 1; }
for tool in dpkg-deb dpkg-shlibdeps file desktop-file-validate appstreamcli gzip; do
  command -v "$tool" >/dev/null || fail "$tool is missing (scripts/install-deps.sh installs it)"
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# -B keeps CPack's staging and the package out of the build tree.
if ! (cd "$work" && "$cpack" -G DEB --config "$build/CPackConfig.cmake" -B "$work/out") >"$work/cpack.log" 2>&1; then
  cat "$work/cpack.log" >&2
  fail "cpack could not build the package"
fi
shopt -s nullglob
debs=("$work"/out/*.deb)
[ ${#debs[@]} -eq 1 ] || fail "expected one .deb, found ${#debs[@]}"
deb=${debs[0]}
echo "check-package: built $(basename "$deb") ($(stat -c %s "$deb") bytes)"

# --- contents -------------------------------------------------------------------------------------------------
listing=$(dpkg-deb -c "$deb")
paths=$(awk '{print $6}' <<<"$listing")
expected=(
  ./usr/bin/imgopt
  ./usr/bin/imgopt-gui
  ./usr/share/applications/imgopt.desktop
  ./usr/share/icons/hicolor/scalable/apps/imgopt.svg
  "./usr/share/metainfo/$app_id.metainfo.xml"
  ./usr/share/man/man1/imgopt.1.gz
  ./usr/share/imgopt/translations/imgopt_de.qm
  ./usr/share/imgopt/translations/imgopt_en.qm
)
for path in "${expected[@]}"; do
  grep -qxF "$path" <<<"$paths" || fail "the package has no $path"$'\n'"$listing"
done
for binary in ./usr/bin/imgopt ./usr/bin/imgopt-gui; do
  grep -E "^-rwxr-xr-x root/root .* $binary\$" <<<"$listing" >/dev/null ||
    fail "$binary is not an executable owned by root"$'\n'"$listing"
done
# Files only: directories end in "/". Anything besides the expected list is a stray install rule.
while read -r path; do
  [[ "$path" == */ ]] && continue
  printf '%s\n' "${expected[@]}" | grep -qxF "$path" || fail "unexpected file in the package: $path"
done <<<"$paths"

# --- control fields -------------------------------------------------------------------------------------------
[ "$(dpkg-deb -f "$deb" Package)" = imgopt ] || fail "package name is not imgopt"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "version is not $version"
depends=$(dpkg-deb -f "$deb" Depends)
echo "check-package: Depends: $depends"
for lib in libc6 libvips42 libqt6core6 libqt6widgets6 libqt6charts6 libqt6svg6; do
  grep -Eq "(^|, )$lib( |,|$)" <<<"$depends" || fail "Depends lacks $lib (dpkg-shlibdeps should find it): $depends"
done

# --- metadata -------------------------------------------------------------------------------------------------
root=$work/root
dpkg-deb -x "$deb" "$root"
out=$(desktop-file-validate "$root/usr/share/applications/imgopt.desktop" 2>&1) || fail "desktop-file-validate: $out"
[ -z "$out" ] || fail "desktop-file-validate is not silent: $out"
appstreamcli validate --no-net --pedantic --no-color "$root/usr/share/metainfo/$app_id.metainfo.xml" ||
  fail "appstreamcli rejects the metainfo file"
# The tree as a whole: the launchable .desktop file and the icon it names must be where the metainfo says.
appstreamcli validate-tree --no-net --pedantic --no-color "$root" || fail "appstreamcli rejects the installed tree"

gzip -t "$root/usr/share/man/man1/imgopt.1.gz" || fail "the man page is not a valid gzip file"
gzip -dc "$root/usr/share/man/man1/imgopt.1.gz" | grep -q '^\.TH IMGOPT 1 ' || fail "the man page has no .TH IMGOPT 1"
file -b "$root/usr/share/icons/hicolor/scalable/apps/imgopt.svg" | grep -qi svg || fail "the icon is not an SVG"
[ -s "$root/usr/share/imgopt/translations/imgopt_de.qm" ] || fail "the German translation is empty"

# --- the binaries run from the unpacked tree -------------------------------------------------------------------
cli=$("$root/usr/bin/imgopt" --version) || fail "imgopt --version failed"
grep -q "^imgopt $version " <<<"$cli" || fail "imgopt --version says: $cli"
mkdir -m 700 "$work/runtime"
gui=$(XDG_RUNTIME_DIR=$work/runtime QT_QPA_PLATFORM=offscreen "$root/usr/bin/imgopt-gui" --version 2>&1) ||
  fail "imgopt-gui --version failed: $gui"
grep -qx "imgopt-gui $version" <<<"$gui" || fail "imgopt-gui --version says: $gui"
echo "check-package: $cli; $gui"
echo "check-package: ok"
