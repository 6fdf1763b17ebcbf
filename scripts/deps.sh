#!/usr/bin/env bash
# Installs what the build, the server and the tests need, from Debian and npm only.
# Idempotent: when everything is present it runs in well under a second.
set -euo pipefail
cd "$(dirname "$0")/.."

want_build=(build-essential cmake ninja-build ccache pkg-config g++ clang clang-format clang-tidy
  libboost-dev libboost-system-dev nlohmann-json3-dev libexpected-dev libspdlog-dev libfmt-dev
  libcli11-dev libsodium-dev libsqlite3-dev sqlite3 libssl-dev libpq-dev
  libcairo2-dev libpango1.0-dev fonts-noto-cjk libharfbuzz-bin libqrencode-dev zlib1g-dev libxlsxwriter-dev libzip-dev
  libpugixml-dev libgtest-dev libgmock-dev googletest libbenchmark-dev curl ca-certificates)
want_test=(chromium poppler-utils postgresql-15 postgresql-client-15 nginx wrk hyperfine)

mode=${1:-build}
pkgs=("${want_build[@]}")
[ "$mode" = test ] && pkgs+=("${want_test[@]}")

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> 安装缺少的系统软件包: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# Node.js and npm come with the machine (or from Debian's nodejs when absent); only the
# console's build needs them, never the server at run time.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "==> 安装 Node.js 与 npm"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm >/dev/null
fi
