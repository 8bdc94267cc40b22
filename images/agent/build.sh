#!/usr/bin/env bash
# Builds the agent's cell image: publishes the gateway ahead of time and puts the one binary on the base image.
# The image carries a hash of what went into it; when nothing changed, the image is left as it is.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
tag="${JIYUL_AGENT_IMAGE:-jiyul/agent:latest}"
base="${JIYUL_BASE_IMAGE:-jiyul/base:bookworm}"
hash_label="jiyul.content-hash"

if ! docker info >/dev/null 2>&1; then
  echo "docker does not answer; starting dockerd"
  nohup dockerd >/tmp/dockerd.log 2>&1 &
  for _ in $(seq 60); do
    docker info >/dev/null 2>&1 && break
    sleep 0.5
  done
  docker info >/dev/null 2>&1 || { echo "dockerd did not come up; see /tmp/dockerd.log" >&2; exit 1; }
fi

JIYUL_BASE_IMAGE="$base" "$repo/images/base/build.sh"

context=$(mktemp -d /tmp/jiyul-agent-image.XXXXXX)
trap 'rm -rf "$context"' EXIT

# Native compilation is skipped by MSBuild when its inputs did not change, so a second publish takes seconds.
dotnet publish "$repo/src/Jiyul.Agent" -c Release -r linux-x64 -o "$context/publish" -nologo -v:quiet
install -m 0755 "$context/publish/Jiyul.Agent" "$context/jiyul-agent"
cp "$here/Dockerfile" "$context/Dockerfile"
rm -rf "$context/publish"

# The base image's id is in the hash: a rebuilt base makes a new agent image even when the binary is the same.
hash=$( { sha256sum "$context/jiyul-agent" "$context/Dockerfile" | cut -d' ' -f1; docker image inspect -f '{{.Id}}' "$base"; } \
  | sha256sum | cut -d' ' -f1)
current=$(docker image inspect -f "{{ index .Config.Labels \"$hash_label\" }}" "$tag" 2>/dev/null || true)
if [ "$current" = "$hash" ]; then
  echo "agent image $tag: up to date"
  exit 0
fi

# The classic builder, as on Debian's Engine 20.10; its notice that it is deprecated is noise unless the build fails.
if ! log=$(DOCKER_BUILDKIT=0 docker build \
  --build-arg "BASE_IMAGE=$base" \
  --label "$hash_label=$hash" \
  -t "$tag" "$context" 2>&1); then
  echo "$log" >&2
  echo "agent image $tag: the build failed" >&2
  exit 1
fi
echo "agent image $tag: built ($(docker image inspect -f '{{.Size}}' "$tag") bytes)"
