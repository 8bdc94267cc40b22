#!/usr/bin/env bash
# Builds an image from a prepared context unless the image under that tag already carries the same content hash.
# Shared by the runtime images' build scripts: usage: build-if-changed.sh NAME TAG BASE_IMAGE CONTEXT HASH
set -euo pipefail

name="$1" tag="$2" base="$3" context="$4" hash="$5"
hash_label="jiyul.content-hash"

current=$(docker image inspect -f "{{ index .Config.Labels \"$hash_label\" }}" "$tag" 2>/dev/null || true)
if [ "$current" = "$hash" ]; then
  echo "$name image $tag: up to date"
  exit 0
fi

# The classic builder, as on Debian's Engine 20.10; its deprecation notice is noise unless the build fails.
if ! log=$(DOCKER_BUILDKIT=0 docker build \
  --build-arg "BASE_IMAGE=$base" \
  --label "$hash_label=$hash" \
  -t "$tag" "$context" 2>&1); then
  echo "$log" >&2
  echo "$name image $tag: the build failed" >&2
  exit 1
fi
echo "$name image $tag: built ($(docker image inspect -f '{{.Size}}' "$tag") bytes)"
