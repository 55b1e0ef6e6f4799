#!/usr/bin/env bash
# Runs Reachmap's CLI on the bundled examples: the reference document's Services and policies,
# and Google's Online Boutique. Builds the CLI first if needed.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin reachmap
r=target/release/reachmap
ref=public/examples/reference
boutique=public/examples/online-boutique
show() { printf '\n\033[1m$ reachmap %s\033[0m\n' "$*"; "$r" "$@"; }

show services $ref/nginx-service.yaml $ref/deployment-service.yaml
show probe --format table $ref/api-allow.yaml
show explain $ref/api-allow.yaml --from default/coffeeshop --to default/payment-processor --port TCP/80
show explain $ref/port-allow.yaml --from default/other --to default/backend --port TCP/8080
show probe --format summary --ports TCP/8080,TCP/3550,TCP/7070,TCP/6379 $boutique/kubernetes-manifests.yaml $boutique/network-policies.yaml
show explain $boutique/kubernetes-manifests.yaml $boutique/network-policies.yaml --from outside --to default/frontend-external:http
show check $ref/port-allow.yaml
printf '\n\033[1m$ reachmap check - < broken.yaml\033[0m\n'
printf 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 8080\n    protocol: tcp\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: ok}\nspec: {containers: [{name: c}]}\n' \
  | "$r" check - || true
