#!/usr/bin/env bash
# make image: builds deploy/Dockerfile with Buildah (no Docker engine needed): vfs storage, chroot isolation.
# Image registries may be unreachable (here they are), so the base image is bootstrapped from Debian packages
# with debootstrap: Debian 13 "trixie", whose python3 is 3.13, the same as the official python:3.13-slim-trixie
# (deploy/README.md "Image"). The base is built once and reused; `IMAGE_REBUILD_BASE=1` rebuilds it.
#   make image                          -> localhost/hunan-suite:local
#   IMAGE=registry.example/hunan-suite:0.2.0 make image
# Needs root (buildah with vfs, debootstrap) and apt-get when buildah/debootstrap are missing.
set -euo pipefail
cd "$(dirname "$0")/../.."

IMAGE="${IMAGE:-localhost/hunan-suite:local}"
BASE_IMAGE="${BASE_IMAGE:-localhost/hunan-python:3.13-trixie}"
DEBIAN_MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
BUILDAH=(buildah --storage-driver vfs)
export BUILDAH_ISOLATION=chroot

step() { printf '\n==> %s\n' "$*"; }

missing=()
command -v buildah >/dev/null || missing+=(buildah)
command -v debootstrap >/dev/null || missing+=(debootstrap)
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
    echo "deploy/image/build.sh: missing ${missing[*]} (apt-get install ${missing[*]}) and not root to install them" >&2
    exit 1
  fi
  step "installing ${missing[*]} (apt-get)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || { apt-get update -qq >/dev/null \
         && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }
fi

# ---- base image: Debian trixie minbase + python3 (3.13), python3-venv, CA certificates --------------------
if [[ -n "${IMAGE_REBUILD_BASE:-}" ]]; then "${BUILDAH[@]}" rmi -f "$BASE_IMAGE" >/dev/null 2>&1 || true; fi
if ! "${BUILDAH[@]}" inspect --type image "$BASE_IMAGE" >/dev/null 2>&1; then
  step "bootstrapping the base image $BASE_IMAGE (debootstrap trixie from $DEBIAN_MIRROR)"
  ctr="$("${BUILDAH[@]}" from scratch)"
  trap '"${BUILDAH[@]}" rm "$ctr" >/dev/null 2>&1 || true' EXIT
  root="$("${BUILDAH[@]}" mount "$ctr")"
  debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates trixie "$root" "$DEBIAN_MIRROR" \
    > var/image-debootstrap.log 2>&1 || { tail -20 var/image-debootstrap.log >&2; exit 1; }
  # What a slim image leaves out: package caches and lists, documentation, manuals, translations.
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/var/log/* \
    "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/usr/share/locale/*
  "${BUILDAH[@]}" umount "$ctr" >/dev/null
  "${BUILDAH[@]}" config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --env LANG=C.UTF-8 --cmd python3 --label org.opencontainers.image.description="Debian trixie + python3" "$ctr"
  "${BUILDAH[@]}" commit --quiet --rm "$ctr" "$BASE_IMAGE" >/dev/null
  trap - EXIT
fi

# ---- the suite's image ----------------------------------------------------------------------------------
step "building $IMAGE from deploy/Dockerfile (base $BASE_IMAGE)"
# The host's CA bundle is mounted over the build's for the RUN steps only (a TLS-inspecting proxy between the
# build and PyPI needs it); it is not part of any layer.
extra=()
if [[ -f /etc/ssl/certs/ca-certificates.crt ]]; then
  extra+=(--volume /etc/ssl/certs/ca-certificates.crt:/etc/ssl/certs/ca-certificates.crt:ro)
fi
# No --layers: with vfs storage every cached step is a full copy of the root filesystem (and deleting them
# takes minutes); one commit per stage is much faster. The uv download cache (RUN --mount=type=cache)
# survives between builds either way.
previous="$("${BUILDAH[@]}" inspect --type image --format '{{.FromImageID}}' "$IMAGE" 2>/dev/null || true)"
started=$SECONDS
"${BUILDAH[@]}" build --isolation chroot --pull=never --format docker \
  -f deploy/Dockerfile --ignorefile deploy/Dockerfile.dockerignore \
  --build-arg PYTHON_IMAGE="$BASE_IMAGE" "${extra[@]}" -t "$IMAGE" .
size="$("${BUILDAH[@]}" images --format '{{.Size}}' "$IMAGE" | head -1)"
# The previous build of the same tag is left untagged: remove it.
current="$("${BUILDAH[@]}" inspect --type image --format '{{.FromImageID}}' "$IMAGE")"
if [[ -n "$previous" && "$previous" != "$current" ]]; then "${BUILDAH[@]}" rmi "$previous" >/dev/null 2>&1 || true; fi
echo "built $IMAGE in $((SECONDS - started)) s; size $size"
