#!/bin/sh
# The tenant CLI runs as compiled JavaScript (dist-cli/tenant.cjs, built on the host by `npm run build`): no
# native binary is needed, so a node_modules installed on macOS or Windows is fine. The repository is mounted
# read-only, though, so a bundle that is missing or older than its sources cannot be rebuilt here. Say so plainly
# and say what to run instead, rather than fail with a stack trace.
if node scripts/cli.mjs tenant --help >/dev/null 2>&1; then
  exit 0
fi
echo "tenant-init: the compiled tenant command line (dist-cli/tenant.cjs) is missing or older than its sources," >&2
echo "tenant-init: and the repository is mounted read-only here. Run 'npm run build:cli' on the host, then" >&2
echo "tenant-init: 'docker compose up tenant-init' again; or onboard from the host once Grafana is up:" >&2
echo "  GRAFANA_USER=admin GRAFANA_PASSWORD=admin TENANT_VIEWER_PASSWORD=viewer-dev npm run tenant -- add acme --name \"Acme Corp\"" >&2
echo "  GRAFANA_USER=admin GRAFANA_PASSWORD=admin TENANT_VIEWER_PASSWORD=viewer-dev npm run tenant -- add globex --name \"Globex\"" >&2
exit 1
