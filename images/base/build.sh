#!/usr/bin/env bash
# Makes the base image every runtime image builds on, under one local tag.
# A registry that serves debian:bookworm-slim is used when there is one; otherwise the image is made
# here with debootstrap (minbase variant) and imported, so the Dockerfiles stay standard either way.
set -euo pipefail

tag="${JIYUL_BASE_IMAGE:-jiyul/base:bookworm}"
suite="${JIYUL_BASE_SUITE:-bookworm}"
mirror="${JIYUL_DEBIAN_MIRROR:-http://deb.debian.org/debian}"

if docker image inspect "$tag" >/dev/null 2>&1; then
  echo "base image $tag: present"
  exit 0
fi

if timeout 30 docker pull "debian:${suite}-slim" >/dev/null 2>&1; then
  docker tag "debian:${suite}-slim" "$tag"
  echo "base image $tag: from the registry"
  exit 0
fi

echo "base image $tag: no registry answered; making it with debootstrap (about a minute)"
root=$(mktemp -d /var/tmp/jiyul-rootfs.XXXXXX)
trap 'rm -rf "$root"' EXIT
debootstrap --variant=minbase "$suite" "$root" "$mirror" >/dev/null
# The image needs no package lists or caches; they only make it larger.
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/usr/share/doc/* "$root"/usr/share/man/*
tar -C "$root" -c . | docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'CMD ["bash"]' - "$tag" >/dev/null
echo "base image $tag: imported"
