#!/usr/bin/env bash
# Builds the agent's cell image: publishes the gateway ahead of time and puts the one binary on the base image.
# The image carries a hash of what went into it; when nothing changed, the image is left as it is.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
tag="${JIYUL_AGENT_IMAGE:-jiyul/agent:latest}"
base="${JIYUL_BASE_IMAGE:-jiyul/base:bookworm}"

docker info >/dev/null 2>&1 || { echo "docker does not answer; run ./jiyul setup first" >&2; exit 1; }
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
"$repo/images/build-if-changed.sh" agent "$tag" "$base" "$context" "$hash"
