import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * A stand-in for the Grafana HTTP API endpoints `npm run tenant` calls. Each behaviour follows Grafana's source as
 * read and listed in docs/grafana-contract.md ("Org, user and data source APIs (tenant onboarding)"): status codes,
 * error messages, org name uniqueness, `X-Grafana-Org-Id` selecting the org, login/email lookup, user creation with
 * `auto_assign_org`, the data source proxy (forwarded to the data source's real URL) and app plugin settings.
 * State is in memory. Where the source left a detail open, the contract says "unconfirmed" and so does a comment here.
 */
export interface FakeUser {
  id: number;
  login: string;
  email: string;
  name: string;
  password: string;
  isGrafanaAdmin: boolean;
}
export type OrgRole = 'Admin' | 'Editor' | 'Viewer' | 'None';
export interface Membership {
  orgId: number;
  userId: number;
  role: OrgRole;
}
export interface FakeDataSource {
  id: number;
  uid: string;
  name: string;
  type: string;
  access: string;
  url: string;
  isDefault: boolean;
  jsonData: Record<string, unknown>;
  orgId: number;
  basicAuth?: boolean;
  basicAuthUser?: string;
  /** secureJsonData: stored, never answered (only `secureJsonFields` says a key is set). */
  secure?: Record<string, string>;
}
export interface FakeAnnotation {
  id: number;
  orgId: number;
  alertId: number;
  time: number;
  timeEnd: number;
  text: string;
  tags: string[];
}
export interface RecordedCall {
  method: string;
  path: string;
  orgId?: string;
  body?: unknown;
}
export interface Fault {
  method: string;
  path: RegExp;
  status: number;
  body: unknown;
  /** Fails this many times (default: forever). */
  times?: number;
}
export interface AppSetting {
  enabled: boolean;
  pinned: boolean;
  jsonData: Record<string, unknown> | null;
}

type Reply = [number, unknown];
type Body = Record<string, unknown>;

const ROLES: OrgRole[] = ['Admin', 'Editor', 'Viewer', 'None'];
/** `util.IsValidShortUID`: letters, digits, - and _ (pkg/util/shortid_generator.go). */
const SHORT_UID = /^[a-zA-Z0-9\-_]{1,40}$/;
const NOT_MEMBER = {
  message: "You'll need additional permissions to perform this action. Permissions needed: any of org role",
};

function obj(v: unknown): Body {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Body) : {};
}
function s(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export class FakeGrafana {
  users: FakeUser[] = [
    { id: 1, login: 'admin', email: 'admin@localhost', name: 'admin', password: 'secret', isGrafanaAdmin: true },
  ];
  orgs: Array<{ id: number; name: string }> = [{ id: 1, name: 'Main Org.' }];
  members: Membership[] = [{ orgId: 1, userId: 1, role: 'Admin' }];
  datasources: FakeDataSource[] = [];
  /** Org annotations (`alertId` 0 = made by a user); times in ms, `timeEnd` = `time` for a point. */
  annotations: FakeAnnotation[] = [];
  appSettings = new Map<number, AppSetting>();
  invites: Array<{ orgId: number; email: string; name: string; role: string }> = [];
  calls: RecordedCall[] = [];
  faults: Fault[] = [];
  pluginInstalled = true;
  /** `[users] auto_assign_org` (default true) and `auto_assign_org_role` (default Viewer). */
  autoAssignOrg = true;
  autoAssignOrgRole: OrgRole = 'Viewer';
  /**
   * Stands for the container network the data source URLs resolve in (Docker DNS in the dev stack): "host:port" of a
   * data source URL → where that really listens here, with the credentials that listener wants (vmauth 1.79.5
   * serves only authenticated users). Unmapped URLs are fetched as they are.
   */
  network = new Map<string, { url: string; user?: string; password?: string }>();
  private nextId = 100;
  private server?: Server;
  url = '';

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (d: Buffer) => chunks.push(d));
      req.on('end', () => {
        this.handle(req, res, Buffer.concat(chunks).toString()).catch((e: unknown) =>
          this.send(res, 500, { message: String(e) })
        );
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    const addr = this.server.address();
    this.url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    return this.url;
  }

  stop(): Promise<void> {
    return new Promise((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  /** Calls that changed something (everything but GET). */
  writes(): RecordedCall[] {
    return this.calls.filter((c) => c.method !== 'GET');
  }

  /** Everything a test may compare before/after: orgs, members, data sources, app settings, users, invites. */
  snapshot(): string {
    return JSON.stringify([this.orgs, this.members, this.datasources, [...this.appSettings], this.users, this.invites]);
  }

  addUser(u: Omit<FakeUser, 'id'> & { id?: number }, memberships: Array<[number, OrgRole]> = []): FakeUser {
    const user = { ...u, id: u.id ?? this.nextId++ };
    this.users.push(user);
    for (const [orgId, role] of memberships) {
      this.members.push({ orgId, userId: user.id, role });
    }
    return user;
  }

  addOrg(name: string, id = this.nextId++): number {
    this.orgs.push({ id, name });
    // Grafana's admin sync at start-up puts the server admin into every org (sqlstore addAdminToAllOrgs).
    this.members.push({ orgId: id, userId: 1, role: 'Admin' });
    return id;
  }

  private send(res: ServerResponse, status: number, body: unknown) {
    if (res.headersSent) {
      return;
    }
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  private async handle(req: IncomingMessage, res: ServerResponse, raw: string) {
    const url = new URL(req.url ?? '/', 'http://x');
    const method = req.method ?? 'GET';
    const orgHeader = req.headers['x-grafana-org-id'];
    let body: unknown;
    try {
      body = raw && req.headers['content-type']?.includes('json') ? JSON.parse(raw) : raw || undefined;
    } catch {
      return this.send(res, 400, { message: 'bad request data' });
    }
    this.calls.push({
      method,
      path: url.pathname + url.search,
      orgId: typeof orgHeader === 'string' ? orgHeader : undefined,
      body,
    });
    const user = this.authenticate(req.headers.authorization);
    if (!user) {
      return this.send(res, 401, {
        message: 'Invalid username or password',
        messageId: 'password-auth.failed',
        statusCode: 401,
        traceID: '',
      });
    }
    const fault = this.faults.find((f) => f.method === method && f.path.test(url.pathname) && (f.times ?? 1) > 0);
    if (fault) {
      if (fault.times !== undefined) {
        fault.times--;
      }
      return this.send(res, fault.status, fault.body);
    }
    // authnimpl.orgIDFromRequest: `targetOrgId` query first, then X-Grafana-Org-Id; 0 means the user's own org.
    const target =
      Number(url.searchParams.get('targetOrgId') ?? (typeof orgHeader === 'string' ? orgHeader : '0')) || 1;
    const role = this.members.find((m) => m.orgId === target && m.userId === user.id)?.role ?? 'None';
    if (url.pathname.startsWith('/api/datasources/proxy/uid/')) {
      return this.proxy(req, res, url, method, raw, target, role);
    }
    const [status, out] = this.route(method, url, obj(body), { orgId: target, role, me: user });
    this.send(res, status, out);
  }

  private authenticate(header: string | undefined): FakeUser | undefined {
    if (!header?.startsWith('Basic ')) {
      return undefined;
    }
    const decoded = Buffer.from(header.slice(6), 'base64').toString();
    const i = decoded.indexOf(':');
    const [login, password] = [decoded.slice(0, i), decoded.slice(i + 1)];
    return this.users.find((u) => u.login === login && u.password === password);
  }

  private route(method: string, url: URL, body: Body, ctx: Ctx): Reply {
    const orgScoped = /^\/api\/(datasources|plugins|org\/|annotations)/.test(url.pathname);
    if (orgScoped && ctx.role === 'None') {
      // Unconfirmed message: a signed-in user outside the requested org has role None and RBAC answers 403.
      return [403, NOT_MEMBER];
    }
    if (!orgScoped && url.pathname !== '/api/user' && !ctx.me.isGrafanaAdmin) {
      return [403, { message: 'Permission denied' }];
    }
    for (const r of [
      this.orgRoutes,
      this.orgUserRoutes,
      this.userRoutes,
      this.dsRoutes,
      this.pluginRoutes,
      this.inviteRoutes,
      this.annotationRoutes,
    ]) {
      const out = r.call(this, method, url, body, ctx);
      if (out) {
        return out;
      }
    }
    return [404, { message: 'Not found' }];
  }

  /** pkg/api/org.go */
  private orgRoutes(method: string, url: URL, body: Body, ctx: Ctx): Reply | undefined {
    const p = url.pathname;
    const byId = p.match(/^\/api\/orgs\/(\d+)$/);
    if (method === 'GET' && p === '/api/user') {
      return [
        200,
        {
          id: ctx.me.id,
          login: ctx.me.login,
          email: ctx.me.email,
          name: ctx.me.name,
          isGrafanaAdmin: ctx.me.isGrafanaAdmin,
          orgId: 1,
        },
      ];
    }
    if (method === 'GET' && p === '/api/orgs') {
      return [200, this.orgs.map((o) => ({ id: o.id, name: o.name }))];
    }
    if (method === 'GET' && byId) {
      const o = this.orgs.find((x) => x.id === Number(byId[1]));
      return o ? [200, { id: o.id, name: o.name, address: {} }] : [404, { message: 'Organization not found' }];
    }
    if (method === 'POST' && p === '/api/orgs') {
      // isOrgNameTaken: `name=?` (exact on SQLite, Grafana's default database).
      if (this.orgs.some((o) => o.name === body.name)) {
        return [409, { message: 'Organization name taken' }];
      }
      const id = this.nextId++;
      this.orgs.push({ id, name: s(body.name) });
      // CreateWithMember: the creating user becomes Admin of the new org.
      this.members.push({ orgId: id, userId: ctx.me.id, role: 'Admin' });
      return [200, { message: 'Organization created', orgId: id }];
    }
    if (method === 'DELETE' && byId) {
      const id = Number(byId[1]);
      if (ctx.orgId === id) {
        return [400, { message: 'Can not delete org for current user' }];
      }
      if (!this.orgs.some((o) => o.id === id)) {
        return [404, { message: 'Failed to delete organization. ID not found' }];
      }
      this.orgs = this.orgs.filter((o) => o.id !== id);
      this.members = this.members.filter((x) => x.orgId !== id);
      this.datasources = this.datasources.filter((d) => d.orgId !== id);
      this.appSettings.delete(id);
      this.invites = this.invites.filter((i) => i.orgId !== id);
      return [200, { message: 'Organization deleted' }];
    }
    return undefined;
  }

  /** pkg/api/org_users.go */
  private orgUserRoutes(method: string, url: URL, body: Body): Reply | undefined {
    const list = url.pathname.match(/^\/api\/orgs\/(\d+)\/users$/);
    if (list && method === 'GET') {
      // SearchOrgUsers: a search, so an unknown org is an empty list, not 404.
      return [200, this.members.filter((x) => x.orgId === Number(list[1])).map((x) => this.orgUser(x))];
    }
    if (list && method === 'POST') {
      return this.addOrgUser(Number(list[1]), body);
    }
    const one = url.pathname.match(/^\/api\/orgs\/(\d+)\/users\/(\d+)$/);
    if (one && (method === 'PATCH' || method === 'DELETE')) {
      return this.changeOrgUser(method, Number(one[1]), Number(one[2]), body);
    }
    return undefined;
  }

  private addOrgUser(orgId: number, body: Body): Reply {
    if (!ROLES.includes(body.role as OrgRole)) {
      return [400, { message: 'Invalid role specified' }];
    }
    const u = this.lookup(s(body.loginOrEmail));
    if (!u) {
      return [404, { message: 'User not found' }];
    }
    if (this.members.some((x) => x.orgId === orgId && x.userId === u.id)) {
      return [409, { message: 'User is already member of this organization', userId: u.id }];
    }
    this.members.push({ orgId, userId: u.id, role: body.role as OrgRole });
    return [200, { message: 'User added to organization', userId: u.id }];
  }

  private changeOrgUser(method: string, orgId: number, userId: number, body: Body): Reply {
    const mem = this.members.find((x) => x.orgId === orgId && x.userId === userId);
    const admins = this.members.filter((x) => x.orgId === orgId && x.role === 'Admin');
    const lastAdmin = mem?.role === 'Admin' && admins.length === 1;
    if (method === 'PATCH') {
      if (!ROLES.includes(body.role as OrgRole)) {
        return [400, { message: 'Invalid role specified' }];
      }
      if (!mem) {
        // Only ErrLastOrgAdmin is mapped; other store errors answer 500.
        return [500, { message: 'Failed update org user' }];
      }
      if (lastAdmin && body.role !== 'Admin') {
        return [400, { message: 'Cannot change role so that there is no organization admin left' }];
      }
      mem.role = body.role as OrgRole;
      return [200, { message: 'Organization user updated' }];
    }
    if (!mem) {
      return [500, { message: 'Failed to remove user from organization' }];
    }
    if (lastAdmin) {
      return [400, { message: 'Cannot remove last organization admin' }];
    }
    this.members = this.members.filter((x) => x !== mem);
    return [200, { message: 'User removed from organization' }];
  }

  /** pkg/api/user.go, pkg/api/admin_users.go, userimpl.Service.Create, orgimpl.Service.GetIDForNewUser */
  private userRoutes(method: string, url: URL, body: Body): Reply | undefined {
    const p = url.pathname;
    if (method === 'GET' && p === '/api/users/lookup') {
      const u = this.lookup(url.searchParams.get('loginOrEmail') ?? '');
      return u ? [200, this.publicUser(u)] : [404, { message: 'user not found' }];
    }
    const orgsOf = p.match(/^\/api\/users\/(\d+)\/orgs$/);
    if (method === 'GET' && orgsOf) {
      const uid = Number(orgsOf[1]);
      return [
        200,
        this.members
          .filter((x) => x.userId === uid)
          .map((x) => ({ orgId: x.orgId, name: this.orgs.find((o) => o.id === x.orgId)?.name ?? '', role: x.role })),
      ];
    }
    if (method === 'POST' && p === '/api/admin/users') {
      return this.createUser(body);
    }
    const del = p.match(/^\/api\/admin\/users\/(\d+)$/);
    if (method === 'DELETE' && del) {
      const uid = Number(del[1]);
      if (!this.users.some((u) => u.id === uid)) {
        return [404, { message: 'user not found' }];
      }
      this.users = this.users.filter((u) => u.id !== uid);
      this.members = this.members.filter((x) => x.userId !== uid);
      return [200, { message: 'User deleted' }];
    }
    return undefined;
  }

  private createUser(body: Body): Reply {
    const email = s(body.email).trim();
    const login = s(body.login).trim() || email;
    if (!login) {
      return [400, { message: 'Validation error, need specify either username or email' }];
    }
    if (s(body.password).length < 4) {
      return [400, { message: 'Password is missing or too short' }];
    }
    const orgId = typeof body.OrgId === 'number' ? body.OrgId : 0;
    let target: number;
    let role: OrgRole = this.autoAssignOrgRole;
    if (this.autoAssignOrg && orgId !== 0) {
      if (!this.orgs.some((o) => o.id === orgId)) {
        return [400, { message: 'organization not found' }];
      }
      target = orgId;
    } else if (this.autoAssignOrg) {
      target = 1;
    } else {
      // auto_assign_org = false: OrgId is ignored; Grafana creates an org named after the user, who becomes its Admin.
      target = this.nextId++;
      this.orgs.push({ id: target, name: email || login });
      role = 'Admin';
    }
    const mail = (email || login).toLowerCase();
    if (this.users.some((u) => u.login.toLowerCase() === login.toLowerCase() || u.email.toLowerCase() === mail)) {
      return [412, { message: `User with email '${email}' or username '${s(body.login)}' already exists` }];
    }
    const id = this.nextId++;
    this.users.push({
      id,
      login,
      email: email || login,
      name: s(body.name),
      password: s(body.password),
      isGrafanaAdmin: false,
    });
    this.members.push({ orgId: target, userId: id, role });
    return [200, { id, uid: `u${id}`, message: 'User created' }];
  }

  /** userimpl store GetByLogin: lowercased; email first when it has "@", then login. */
  private lookup(q: string): FakeUser | undefined {
    const v = q.toLowerCase();
    if (v === '') {
      return undefined;
    }
    const byEmail = v.includes('@') ? this.users.find((u) => u.email.toLowerCase() === v) : undefined;
    return byEmail ?? this.users.find((u) => u.login.toLowerCase() === v);
  }

  /** pkg/api/datasources.go */
  private dsRoutes(method: string, url: URL, body: Body, ctx: Ctx): Reply | undefined {
    const p = url.pathname;
    if (p === '/api/datasources' && method === 'GET') {
      // pkg/api/dtos/datasource.go DataSourceListItemDTO: basicAuth, but no basicAuthUser and no secure fields.
      return [
        200,
        this.datasources.filter((d) => d.orgId === ctx.orgId).map(({ basicAuthUser: _u, secure: _s, ...d }) => d),
      ];
    }
    if (p === '/api/datasources' && method === 'POST') {
      return this.addDataSource(body, ctx.orgId);
    }
    const m = p.match(/^\/api\/datasources\/uid\/([^/]+)$/);
    if (!m) {
      return undefined;
    }
    const ds = this.datasources.find((d) => d.orgId === ctx.orgId && d.uid === m[1]);
    if (!ds) {
      return [404, { message: 'Data source not found' }];
    }
    if (method === 'GET') {
      // DataSourceDTO: basicAuthUser and secureJsonFields {key: true}; secret values never leave Grafana.
      const { secure, ...shown } = ds;
      return [200, { ...shown, secureJsonFields: Object.fromEntries(Object.keys(secure ?? {}).map((k) => [k, true])) }];
    }
    if (method === 'PUT') {
      if (!validUrl(s(body.url))) {
        return [400, { message: 'Validation error, invalid URL' }];
      }
      Object.assign(ds, {
        name: s(body.name),
        type: s(body.type),
        access: s(body.access),
        url: s(body.url),
        isDefault: !!body.isDefault,
        jsonData: obj(body.jsonData),
        basicAuth: !!body.basicAuth,
        basicAuthUser: s(body.basicAuthUser),
        // Secure keys absent from the update keep their value (datasources service fillWithSecureJSONData).
        secure: { ...ds.secure, ...textValues(body.secureJsonData) },
      });
      return [200, { datasource: ds, id: ds.id, message: 'Datasource updated', name: ds.name }];
    }
    return undefined;
  }

  private addDataSource(body: Body, orgId: number): Reply {
    if (s(body.url) !== '' && !validUrl(s(body.url))) {
      return [400, { message: 'Validation error, invalid URL' }];
    }
    const inOrg = this.datasources.filter((d) => d.orgId === orgId);
    if (inOrg.some((d) => d.name === body.name)) {
      return [409, { message: 'data source with the same name already exists' }];
    }
    if (inOrg.some((d) => d.uid === body.uid)) {
      return [409, { message: 'data source with the same uid already exists' }];
    }
    const ds: FakeDataSource = {
      id: this.nextId++,
      orgId,
      uid: s(body.uid),
      name: s(body.name),
      type: s(body.type),
      access: s(body.access),
      url: s(body.url),
      isDefault: !!body.isDefault,
      jsonData: obj(body.jsonData),
      basicAuth: !!body.basicAuth,
      basicAuthUser: s(body.basicAuthUser),
      secure: textValues(body.secureJsonData),
    };
    this.datasources.push(ds);
    return [200, { datasource: ds, id: ds.id, message: 'Datasource added', name: ds.name }];
  }

  /** pkg/api/plugins.go: GetPluginSettingByID, UpdatePluginSetting */
  private pluginRoutes(method: string, url: URL, body: Body, ctx: Ctx): Reply | undefined {
    if (url.pathname !== '/api/plugins/sovgrid-ops-app/settings') {
      return undefined;
    }
    if (method === 'GET') {
      if (!this.pluginInstalled) {
        return [404, { message: 'Plugin not found, no installed plugin with that id' }];
      }
      // Without a settings row: enabled/pinned follow autoEnabled (false for this app) and jsonData is null.
      const cur = this.appSettings.get(ctx.orgId) ?? { enabled: false, pinned: false, jsonData: null };
      return [
        200,
        {
          name: 'Sovgrid Ops',
          type: 'app',
          id: 'sovgrid-ops-app',
          enabled: cur.enabled,
          pinned: cur.pinned,
          jsonData: cur.jsonData,
          secureJsonFields: {},
        },
      ];
    }
    if (method === 'POST') {
      if (!this.pluginInstalled) {
        return [404, { message: 'Plugin not installed' }];
      }
      // Replaces enabled, pinned and the whole jsonData (facts §3).
      this.appSettings.set(ctx.orgId, {
        enabled: !!body.enabled,
        pinned: !!body.pinned,
        jsonData: body.jsonData === undefined ? null : obj(body.jsonData),
      });
      return [200, { message: 'Plugin settings updated' }];
    }
    return undefined;
  }

  /** pkg/api/org_invite.go (shape of the stand-in only; not re-read for this issue: unconfirmed). */
  private inviteRoutes(method: string, url: URL, body: Body, ctx: Ctx): Reply | undefined {
    if (url.pathname !== '/api/org/invites') {
      return undefined;
    }
    if (method === 'GET') {
      return [
        200,
        this.invites.filter((i) => i.orgId === ctx.orgId).map((i) => ({ ...i, code: 'x', status: 'Pending' })),
      ];
    }
    if (method === 'POST') {
      this.invites.push({ orgId: ctx.orgId, email: s(body.loginOrEmail), name: s(body.name), role: s(body.role) });
      return [200, { message: `Sent invite to ${s(body.loginOrEmail)}` }];
    }
    return undefined;
  }

  /**
   * pkg/api/annotations.go GetAnnotations + annotationsimpl/xorm_store.go Get (contract row 17a): the request's org;
   * `from`/`to` (ms) filter by overlap only when both are > 0; `type=annotation` keeps alertId 0; tags must all
   * match unless `matchAny=true`; newest first; `limit` default 100.
   */
  private annotationRoutes(method: string, url: URL, _body: Body, ctx: Ctx): Reply | undefined {
    if (url.pathname !== '/api/annotations' || method !== 'GET') {
      return undefined;
    }
    const q = url.searchParams;
    const from = Number(q.get('from') ?? 0);
    const to = Number(q.get('to') ?? 0);
    const tags = q.getAll('tags');
    const any = q.get('matchAny') === 'true';
    const type = q.get('type');
    const items = this.annotations
      .filter((a) => a.orgId === ctx.orgId)
      .filter((a) => !(from > 0 && to > 0) || (a.time <= to && a.timeEnd >= from))
      .filter((a) => (type === 'annotation' ? a.alertId === 0 : type === 'alert' ? a.alertId > 0 : true))
      .filter(
        (a) => tags.length === 0 || (any ? tags.some((t) => a.tags.includes(t)) : tags.every((t) => a.tags.includes(t)))
      )
      .sort((a, b) => b.time - a.time)
      .slice(0, Number(q.get('limit') ?? 100) || 100);
    return [
      200,
      items.map(({ orgId: _o, ...a }) => ({
        ...a,
        dashboardUID: '',
        panelId: 0,
        login: 'admin',
        email: 'admin@localhost',
        avatarUrl: '',
      })),
    ];
  }

  /** pkg/api/dataproxy.go + pkg/api/pluginproxy/ds_proxy.go: forwards to the data source URL (GET only for Prometheus). */
  private async proxy(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    method: string,
    raw: string,
    orgId: number,
    role: OrgRole
  ) {
    const m = url.pathname.match(/^\/api\/datasources\/proxy\/uid\/([^/]*)\/?(.*)$/);
    const uid = m?.[1] ?? '';
    if (!SHORT_UID.test(uid)) {
      return this.send(res, 400, { message: 'UID is invalid' });
    }
    if (role === 'None') {
      return this.send(res, 403, NOT_MEMBER);
    }
    const ds = this.datasources.find((d) => d.orgId === orgId && d.uid === uid);
    if (!ds) {
      return this.send(res, 404, { message: 'Unable to find datasource' });
    }
    if (ds.type === 'prometheus' && method !== 'GET') {
      return this.send(res, 403, {
        message: `non allow-listed ${method}s not allowed on proxied Prometheus datasource`,
      });
    }
    const dsUrl = new URL(ds.url);
    const hop = this.network.get(`${dsUrl.hostname}:${dsUrl.port || (dsUrl.protocol === 'https:' ? '443' : '80')}`);
    const base = hop ? `${hop.url.replace(/\/+$/, '')}${dsUrl.pathname}` : ds.url;
    const target = `${base.replace(/\/+$/, '')}/${m?.[2] ?? ''}${url.search}`;
    const headers: Record<string, string> = { Accept: req.headers.accept ?? '*/*' };
    if (ds.basicAuth) {
      // pkg/services/datasources/service/datasource.go httpClientOptions: the data source's own basic auth.
      const pw = ds.secure?.basicAuthPassword ?? '';
      headers.Authorization = `Basic ${Buffer.from(`${ds.basicAuthUser ?? ''}:${pw}`).toString('base64')}`;
    } else if (hop?.user) {
      headers.Authorization = `Basic ${Buffer.from(`${hop.user}:${hop.password ?? ''}`).toString('base64')}`;
    }
    try {
      const up = await fetch(target, { method, body: method === 'GET' ? undefined : raw, headers });
      res.writeHead(up.status, { 'Content-Type': up.headers.get('content-type') ?? 'application/octet-stream' });
      res.end(Buffer.from(await up.arrayBuffer()));
    } catch {
      // Unconfirmed body: Grafana's reverse proxy answers 502 when the upstream cannot be reached.
      this.send(res, 502, { message: 'Bad Gateway' });
    }
  }

  private publicUser(u: FakeUser) {
    return {
      id: u.id,
      email: u.email,
      name: u.name,
      login: u.login,
      isGrafanaAdmin: u.isGrafanaAdmin,
      isDisabled: false,
      orgId: 1,
    };
  }

  private orgUser(x: Membership) {
    const u = this.users.find((y) => y.id === x.userId)!;
    return {
      orgId: x.orgId,
      userId: x.userId,
      email: u.email,
      name: u.name,
      avatarUrl: '',
      login: u.login,
      role: x.role,
      lastSeenAt: '',
      lastSeenAtAge: '',
    };
  }
}

interface Ctx {
  orgId: number;
  role: OrgRole;
  me: FakeUser;
}

function textValues(v: unknown): Record<string, string> {
  const o = obj(v);
  return Object.fromEntries(Object.entries(o).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

function validUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
