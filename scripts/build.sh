#!/usr/bin/env bash
# Builds the server (CMake preset, default `release`) and the console (web/dist).
# Quick when nothing changed: CMake and Ninja rebuild only what is stale, npm runs only when
# the lock file or the console's sources are newer than the last build.
# HX_BUILD_TARGETS="a b" builds only those CMake targets (./test builds what it runs, nothing more).
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-release}

if [ ! -f "build/$preset/build.ninja" ]; then
  echo "==> 配置 C++ 构建（$preset）"
  cmake --preset "$preset" >/dev/null
fi
echo "==> 编译服务端（$preset）"
targets=()
if [ -n "${HX_BUILD_TARGETS:-}" ]; then read -ra targets <<<"--target $HX_BUILD_TARGETS"; fi
if ! cmake --build --preset "$preset" "${targets[@]}" 2>&1 | { grep -vE '^\[[0-9]+/[0-9]+\] (Building|Linking|Generating)' || true; }; then
  echo "编译失败" >&2
  exit 1
fi

if [ -f web/package.json ]; then
  stamp=web/node_modules/.hx-installed
  if [ ! -f "$stamp" ] || [ web/package-lock.json -nt "$stamp" ]; then
    echo "==> 安装工作台依赖（npm ci）"
    (cd web && npm ci --no-audit --no-fund --loglevel=error)
    touch "$stamp"
  fi
  if [ ! -f web/dist/index.html ] || [ -n "$(find web/src web/index.html web/vite.config.ts web/package.json -newer web/dist/index.html -print -quit 2>/dev/null)" ]; then
    echo "==> 构建工作台（Vite）"
    (cd web && npm run --silent build)
  fi
fi
