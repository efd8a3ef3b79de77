/** Step bookkeeping shared by the tenant commands, and the org membership reads several steps need. */
import { isObj } from '../shared/narrow';
import { GrafanaAdmin, GrafanaApiError, num, str } from './grafanaAdmin';

export type StepOutcome = 'created' | 'updated' | 'unchanged' | 'removed' | 'skipped';

export interface StepResult {
  step: string;
  outcome: StepOutcome;
  detail: string;
}

/** A run that stopped part-way: what was done, where it failed, what was not done. */
export class PartialFailure extends Error {
  constructor(
    readonly done: StepResult[],
    readonly failedStep: string,
    readonly cause: GrafanaApiError | Error,
    readonly notDone: string[]
  ) {
    super(`${failedStep}: ${cause.message}`);
    this.name = 'PartialFailure';
  }
}

/** Runs steps in order; the first failure becomes a PartialFailure naming what was and was not done. */
export async function runSteps(steps: Array<[string, () => Promise<StepResult[]>]>): Promise<StepResult[]> {
  const done: StepResult[] = [];
  for (let i = 0; i < steps.length; i++) {
    const [name, fn] = steps[i];
    try {
      done.push(...(await fn()));
    } catch (e) {
      const cause = e instanceof Error ? e : new Error(String(e));
      throw new PartialFailure(
        done,
        name,
        cause,
        steps.slice(i + 1).map(([n]) => n)
      );
    }
  }
  return done;
}

export interface OrgUser {
  userId: number;
  login: string;
  email: string;
  role: string;
}

export async function orgUsers(g: GrafanaAdmin, orgId: number): Promise<OrgUser[]> {
  const r = await g.call({ method: 'GET', path: `/api/orgs/${orgId}/users` });
  if (r.status === 404) {
    throw new GrafanaApiError('not-found', `organization ${orgId} disappeared while onboarding; run the command again`);
  }
  if (!Array.isArray(r.body)) {
    throw new GrafanaApiError('bad-response', 'Grafana answered the org user list with something else than a list');
  }
  return r.body.filter(isObj).map((u) => ({
    userId: num(u.userId, 'user id'),
    login: str(u.login),
    email: str(u.email),
    role: str(u.role),
  }));
}

/** The orgs a user belongs to, with the role in each. */
export async function userOrgs(g: GrafanaAdmin, userId: number): Promise<Array<{ orgId: number; name: string; role: string }>> {
  const r = await g.call({ method: 'GET', path: `/api/users/${userId}/orgs` });
  return (Array.isArray(r.body) ? r.body : [])
    .filter(isObj)
    .map((o) => ({ orgId: num(o.orgId, 'org id'), name: str(o.name), role: str(o.role) }));
}
