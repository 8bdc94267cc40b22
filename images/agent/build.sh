#!/usr/bin/env bash
# Builds the agent's cell image: publishes the gateway ahead of time and puts the one binary on the base image.
# The image carries a hash of what went into it; when nothing changed, nothing is compiled or built.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
tag="${JIYUL_AGENT_IMAGE:-jiyul/agent:latest}"
base="${JIYUL_BASE_IMAGE:-jiyul/base:bookworm}"

docker info >/dev/null 2>&1 || { echo "docker does not answer; run ./jiyul setup first" >&2; exit 1; }
JIYUL_BASE_IMAGE="$base" "$repo/images/base/build.sh"

# The hash is of what goes into the binary (the sources, the build settings, the SDK) rather than of the binary
# itself, which differs from one checkout to the next: a fresh clone with unchanged sources skips the 1-2 minute
# native compile. The base image's id is in it too, so a rebuilt base makes a new agent image.
hash=$( { cd "$repo"
  find src/Jiyul.Agent src/Jiyul.Knowledge -type f -not -path '*/bin/*' -not -path '*/obj/*' -print0 | sort -z | xargs -0 sha256sum
  sha256sum Directory.Build.props Directory.Packages.props global.json .editorconfig images/agent/Dockerfile images/agent/build.sh
  dotnet --version
  docker image inspect -f '{{.Id}}' "$base"; } | sha256sum | cut -d' ' -f1)
current=$(docker image inspect -f '{{ index .Config.Labels "jiyul.content-hash" }}' "$tag" 2>/dev/null || true)
if [ "$current" = "$hash" ]; then
  echo "agent image $tag: up to date"
  exit 0
fi

context=$(mktemp -d /tmp/jiyul-agent-image.XXXXXX)
trap 'rm -rf "$context"' EXIT

dotnet publish "$repo/src/Jiyul.Agent" -c Release -r linux-x64 -o "$context/publish" -nologo -v:quiet
install -m 0755 "$context/publish/Jiyul.Agent" "$context/jiyul-agent"
cp "$here/Dockerfile" "$context/Dockerfile"
rm -rf "$context/publish"
"$repo/images/build-if-changed.sh" agent "$tag" "$base" "$context" "$hash"
