/**
 * `npm run tenant -- add|remove|list …`: onboards customers into their own Grafana org (see src/tenants/).
 */
import { runCommand } from '../shared/cli';
import { runTenant, TENANT_SPEC } from '../tenants/cli';

void runCommand(TENANT_SPEC, (args, io) =>
  runTenant(args, process.env, { out: (l) => io.out(`${l}\n`), err: (l) => io.err(`${l}\n`) })
);
