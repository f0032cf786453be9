#!/usr/bin/env bash
# Every offline check of deploy/: lint, generated-file drift, Kubernetes schemas (built-in kinds with
# kubernetes-validate --strict, custom resources with deploy/schemas/), Prometheus config, rules and rule
# unit tests, the compose file, and the nginx gateway config. No cluster, docker engine or network needed.
#   make validate-deploy             (installs what it needs first)
#   bash deploy/validate.sh          (after `make install`; tests/deploy runs the same checks)
set -euo pipefail

cd "$(dirname "$0")/.."
# Only what the Makefile installs: uv in .tools/ and the locked workspace (no global uv, ever).
UV="${UV:-.tools/bin/uv}"
if [[ ! -x "$UV" ]]; then
  echo "deploy/validate.sh: $UV not found: run 'make install' (or 'make validate-deploy') first" >&2
  exit 1
fi
RUN="$UV run --frozen --quiet"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

step() { printf '\n==> %s\n' "$*"; }

# ---- prerequisites ----------------------------------------------------------------------------------------
# Debian packages: prometheus (promtool) and nginx. CI runs as root on a fresh machine, so install them
# when missing; elsewhere ask for them.
step "prerequisites"
missing=()
command -v promtool >/dev/null || missing+=(prometheus)
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null \
      || { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; }
  else
    echo "missing Debian packages: ${missing[*]} (apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
echo "promtool: $(promtool --version 2>&1 | head -1)"
echo "nginx: $("$NGINX" -v 2>&1)"

# ---- YAML lint --------------------------------------------------------------------------------------------
step "yamllint"
$RUN yamllint --strict -c deploy/.yamllint deploy/

# ---- generated files are up to date -----------------------------------------------------------------------
step "generated files (PrometheusRule, Grafana dashboards, nginx.conf, Kafka topics/users/ACLs)"
$RUN python deploy/prometheus/sync_rules.py --check
$RUN python deploy/kafka/sync_topology.py --check
$RUN python deploy/grafana/generate.py --check
$RUN python deploy/nginx/render.py --check

# ---- Kubernetes -------------------------------------------------------------------------------------------
validate_kustomization() {  # $1: kustomization directory, $2: label for file names
  local out="$WORK/$2"
  $RUN kubectl kustomize "$1" > "$out.yaml"
  $RUN python deploy/tools/k8s_check.py split --crds "$out.crds.yaml" < "$out.yaml" > "$out.core.yaml"
  # kubernetes-validate only warns about a kind it has no schema for; here that is an error.
  $RUN kubernetes-validate --strict --quiet "$out.core.yaml" | tee "$out.log"
  if grep -q '^WARN' "$out.log"; then echo "unexpected kind without schema in $1" >&2; exit 1; fi
  $RUN python deploy/tools/k8s_check.py crds "$out.crds.yaml"
}
for overlay in dev prod; do
  step "kustomize overlays/$overlay"
  validate_kustomization "deploy/k8s/overlays/$overlay" "$overlay"
done
# The Ingress alternative: base + components/ingress, built from a throw-away kustomization.
step "kustomize base + components/ingress"
mkdir -p "$WORK/ingress"
rel="$(realpath --relative-to="$WORK/ingress" deploy/k8s)"
cat > "$WORK/ingress/kustomization.yaml" <<YAML
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: hunan
resources: [$rel/base]
components: [$rel/components/ingress]
YAML
validate_kustomization "$WORK/ingress" ingress
# OIDC mode: base + components/oidc (egress to the JWKS endpoint) with the AUTH_* settings an overlay gives.
step "kustomize base + components/oidc"
mkdir -p "$WORK/oidc"
rel="$(realpath --relative-to="$WORK/oidc" deploy/k8s)"
cat > "$WORK/oidc/kustomization.yaml" <<YAML
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: hunan
resources: [$rel/base]
components: [$rel/components/oidc]
patches:
  - target: {kind: ConfigMap, name: hunan-common}
    patch: |-
      - {op: add, path: /data/AUTH_JWKS_URL, value: "https://idp.example.org/realms/hunan/protocol/openid-connect/certs"}
      - {op: add, path: /data/AUTH_ISSUER, value: "https://idp.example.org/realms/hunan"}
      - {op: add, path: /data/AUTH_AUDIENCE, value: hunan-suite}
YAML
validate_kustomization "$WORK/oidc" oidc

# ---- Prometheus -------------------------------------------------------------------------------------------
step "promtool"
promtool check rules deploy/prometheus/rules/hunan-alerts.yaml
promtool test rules deploy/prometheus/tests/alerts_test.yaml
promtool check config --syntax-only deploy/prometheus/prometheus.yml

# ---- compose ----------------------------------------------------------------------------------------------
step "compose.yaml parses"
$RUN python -c 'import sys, yaml; d = yaml.safe_load(open("deploy/compose.yaml")); print(len(d["services"]), "compose services")'

# ---- nginx ------------------------------------------------------------------------------------------------
step "nginx -t"
mkdir -p "$WORK/nginx/tmp"
$RUN python deploy/nginx/render.py --output "$WORK/nginx/nginx.conf"
"$NGINX" -t -q -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e stderr

step "all deploy checks passed"
