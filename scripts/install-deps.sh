#!/usr/bin/env bash
# Installs the Debian 12 packages ImgOpt needs to build, test and benchmark. Quiet and quick when nothing is
# missing: dpkg is asked first, and apt-get only runs for what is absent.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libvips-dev libvips-tools libheif1 libwebp-dev libexif-dev libimagequant-dev libdeflate-dev
  libjpeg62-turbo-dev
  libcli11-dev nlohmann-json3-dev libfmt-dev libjemalloc-dev libxxhash-dev libsqlite3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang-14 libclang-rt-14-dev llvm-14
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libqt6opengl6-dev libgl-dev qt6-qpa-plugins
  xvfb xauth
  dpkg-dev file desktop-file-utils appstream groff-base
)
# The benchmark script's peer and quality tools; only needed with IMGOPT_BENCH_DEPS=1.
if [ "${IMGOPT_BENCH_DEPS:-0}" = 1 ]; then
  packages+=(nodejs python3-skimage python3-pil time chromium libjxl-dev)
  # A Node.js from elsewhere (e.g. NodeSource) brings its own npm and conflicts with Debian's package.
  command -v npm >/dev/null || packages+=(npm)
fi

# clang-format for the formatting check that .ci/run makes before `make test`.
[ "${IMGOPT_FORMAT_DEPS:-0}" = 1 ] && packages+=(clang-format)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
  [[ "$status" == ii* ]] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
