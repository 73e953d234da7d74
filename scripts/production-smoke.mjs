#!/usr/bin/env node
// Proves that the production build starts with the production config against
// the PostgreSQL and Redis of this machine, the way the Dockerfile runs it,
// and that people sign in for real and are held to the access rules:
// unpack the bundle of `yarn build:backend` (run it first; `./portal test`
// does) and start `node packages/backend --config app-config.yaml --config
// app-config.production.yaml --config app-config.oidc.yaml`, signing in
// through a local OpenID provider (`oidc-provider`, scripts/lib) in Debian's
// Chromium on the real sign-in page.
//
// The bundle's third-party dependencies are linked from this checkout's
// node_modules instead of `yarn workspaces focus --production` (that needs a
// second full download); the workspace packages come from the bundle, built.
//
// Checks: readiness; the built frontend is served; the catalog lives in
// PostgreSQL; sign-in of three catalog users (maria.garcia and sam.chen of
// platform-team, priya.patel of application-team) and a clear refusal of a
// user the catalog does not know; guest sign-in does not exist; calls
// without a token get 401; the owner group deploys, its requester cannot
// approve their own change, another group cannot update or destroy, a second
// owner approves; a cached view lands in Redis. Stops everything it started
// and drops its databases.
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { startPortal } from './lib/portal-process.mjs';
import { startOidcProvider } from './lib/test-oidc-provider.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const resultsDir = join(root, 'test-results');
const require = createRequire(join(root, 'packages/backend/package.json'));
const { Client } = require('pg');

const port = 7227;
const prefix = `portal_smoke_${process.pid}_`;
const environment = `smoke-${process.pid}`;
const API = '/api/aws-environments/v1';
const configFiles = [
  'app-config.yaml',
  'app-config.production.yaml',
  'app-config.oidc.yaml',
  'app-config.smoke.yaml',
];
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The whole run; a stuck step fails the run instead of hanging CI. */
const runTimeoutMs = 10 * 60_000;

/** Accounts of the local OpenID provider; the last is not in the catalog. */
const accounts = {
  'maria.garcia': { email: 'maria.garcia@innovate.example', name: 'Maria' },
  'sam.chen': { email: 'sam.chen@innovate.example', name: 'Sam Chen' },
  'priya.patel': { email: 'priya.patel@innovate.example', name: 'Priya' },
  nobody: { email: 'nobody@innovate.example', name: 'Nobody' },
};

const failures = [];
/** What to stop and remove at the end, last started first. */
const cleanups = [];

function check(name, ok, detail = '') {
  console.log(
    `${ok ? '  ok  ' : '  FAIL'} ${name}${detail ? ` (${detail})` : ''}`,
  );
  if (!ok) failures.push(name);
  return ok;
}

const sleep = ms => new Promise(r => setTimeout(r, ms));

async function waitFor(what, attempt, { timeoutMs = 60_000, everyMs = 1000 }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await attempt();
    if (result) return result;
    if (Date.now() > deadline) {
      throw new Error(`${what}: not after ${timeoutMs / 1000} s`);
    }
    await sleep(everyMs);
  }
}

function redisCommand(...args) {
  const url = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const payload = `*${args.length}\r\n${args
    .map(a => `$${Buffer.byteLength(a)}\r\n${a}\r\n`)
    .join('')}`;
  return new Promise((resolve, reject) => {
    const socket = createConnection(Number(url.port || 6379), url.hostname);
    socket.setTimeout(10_000, () => socket.destroy(new Error('Redis timeout')));
    let data = '';
    socket.on('data', chunk => {
      data += chunk;
      // A RESP array reply: wait until it is complete enough to count.
      if (/^\*\d+\r\n/.test(data) || /^[-+:]/.test(data)) {
        socket.end();
      }
    });
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
    socket.write(payload);
  });
}

function linkNodeModules(target) {
  const modules = join(target, 'node_modules');
  mkdirSync(modules, { recursive: true });
  for (const entry of readdirSync(join(root, 'node_modules'))) {
    if (
      entry === '@innovate' ||
      entry === '.bin' ||
      entry === 'app' ||
      entry === 'backend'
    )
      continue;
    symlinkSync(join(root, 'node_modules', entry), join(modules, entry));
  }
  // Our own packages resolve to the built copies in the bundle.
  mkdirSync(join(modules, '@innovate'), { recursive: true });
  for (const dir of ['packages', 'plugins']) {
    let entries = [];
    try {
      entries = readdirSync(join(target, dir));
    } catch {
      continue;
    }
    for (const pkgDir of entries) {
      const pkg = JSON.parse(
        readFileSync(join(target, dir, pkgDir, 'package.json'), 'utf8'),
      );
      const link = join(modules, pkg.name);
      mkdirSync(join(link, '..'), { recursive: true });
      symlinkSync(join(target, dir, pkgDir), link);
    }
  }
}

/** Unpacks the bundle with the config files the Dockerfile copies. */
function unpackBundle() {
  const bundle = join(root, 'packages/backend/dist/bundle.tar.gz');
  if (!existsSync(bundle)) {
    throw new Error(
      'packages/backend/dist/bundle.tar.gz is missing: run yarn build:backend first',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'portal-smoke-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  execFileSync('tar', ['xzf', bundle, '-C', dir]);
  for (const file of [...configFiles.slice(0, -1), 'catalog-info.yaml']) {
    cpSync(join(root, file), join(dir, file));
  }
  cpSync(join(root, 'templates'), join(dir, 'templates'), { recursive: true });
  linkNodeModules(dir);
  writeFileSync(
    join(dir, 'app-config.smoke.yaml'),
    ['backend:', '  database:', `    prefix: ${prefix}`, ''].join('\n'),
  );
  return dir;
}

async function query(sql, params = [], database = `${prefix}catalog`) {
  const pg = new Client({
    host: '127.0.0.1',
    port: 5432,
    user: 'postgres',
    database,
    connectionTimeoutMillis: 10_000,
    query_timeout: 30_000,
  });
  await pg.connect();
  try {
    return (await pg.query(sql, params)).rows;
  } finally {
    await pg.end();
  }
}

async function dropDatabases() {
  const rows = await query(
    'SELECT datname FROM pg_database WHERE datname LIKE $1',
    [`${prefix}%`],
    'postgres',
  );
  for (const { datname } of rows) {
    await query(
      `DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`,
      [],
      'postgres',
    );
  }
}

/** The portal's API, as one signed-in user (or nobody). */
function apiClient(baseUrl, token) {
  return async (method, path, body) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(token && { Authorization: `Bearer ${token}` }),
        ...(body && { 'Content-Type': 'application/json' }),
      },
      body: body && JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, body: json, text };
  };
}

/**
 * Signs `login` in on the portal's sign-in page: the provider's login and
 * consent pages in the popup, then the page's own session. Resolves with the
 * page, whose sign-in has either completed or failed.
 */
async function signInInBrowser(browser, portalUrl, login) {
  const context = await browser.newContext();
  cleanups.push(() => context.close());
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  await page.goto(portalUrl);
  const signInButton = page.getByRole('button', { name: 'Sign in' });
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    signInButton.click(),
  ]);
  await popup.locator('input[name=login]').fill(login);
  await popup.locator('input[name=password]').fill('any password');
  await popup.getByRole('button', { name: 'Sign-in' }).click();
  const closed = popup.waitForEvent('close');
  await popup.getByRole('button', { name: 'Continue' }).click();
  await closed;
  return page;
}

/** The Backstage token of the page's session (its refresh cookie). */
async function backstageToken(page) {
  const session = await page.evaluate(async () => {
    const res = await fetch('/api/auth/oidc/refresh?optional&env=production', {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
      credentials: 'include',
    });
    return res.ok ? res.json() : { status: res.status };
  });
  return session.backstageIdentity;
}

async function signInUsers(browser, portalUrl) {
  const page = await browser.newPage();
  cleanups.push(() => page.close());
  await page.goto(portalUrl);
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  const offered = await page.locator('main').innerText();
  check(
    'the sign-in page offers the company account, not guest',
    offered.includes('Company account') && !/\bGuest\b/.test(offered),
  );

  const tokens = {};
  for (const login of ['maria.garcia', 'sam.chen', 'priya.patel']) {
    let identity;
    try {
      const signedIn = await signInInBrowser(browser, portalUrl, login);
      // The portal replaces the sign-in page once the session is there.
      await signedIn
        .getByRole('button', { name: 'Sign in' })
        .waitFor({ state: 'detached' });
      identity = await backstageToken(signedIn);
    } catch (error) {
      identity = { error };
    }
    check(
      `${login} signs in through OIDC in Chromium`,
      identity?.identity?.userEntityRef === `user:default/${login}`,
      identity?.error?.message.split('\n')[0] ??
        identity?.identity?.ownershipEntityRefs?.join(', '),
    );
    tokens[login] = identity?.token;
  }

  let refusal;
  try {
    const refused = await signInInBrowser(browser, portalUrl, 'nobody');
    const message = refused
      .getByText('nobody@innovate.example is not a user of Innovate Portal', {
        exact: false,
      })
      .first();
    await message.waitFor();
    refusal = {
      shown: (await message.innerText()).replace(/\s+/g, ' ').slice(0, 240),
      session: await backstageToken(refused),
    };
  } catch (error) {
    refusal = { error };
  }
  check(
    'a user the catalog does not know gets a clear sign-in error',
    refusal.shown && !refusal.session,
    refusal.error?.message.split('\n')[0] ?? refusal.shown,
  );
  return tokens;
}

function environmentSpec(dir) {
  const { defaultEnvironmentSpec } = createRequire(join(dir, 'package.json'))(
    '@innovate/plugin-aws-environments-common',
  );
  return { ...defaultEnvironmentSpec(), name: environment };
}

async function waitForDeployment(api, id, statuses) {
  let last;
  await waitFor(
    `deployment ${id} to reach ${statuses.join(' or ')}`,
    async () => {
      last = await api(
        'GET',
        `${API}/environments/${environment}/deployments/${id}`,
      );
      return (
        last.status !== 200 ||
        [...statuses, 'failed'].includes(last.body?.status)
      );
    },
    { timeoutMs: 180_000 },
  ).catch(error => {
    last = { ...last, error };
  });
  return last;
}

function namesPermission(response, permission) {
  return (
    response.status === 403 &&
    String(response.body?.error?.message).includes(permission)
  );
}

const summary = r =>
  `HTTP ${r.status}${r.body?.error ? `: ${r.body.error.message}` : ''}${
    r.body?.status ? `, ${r.body.status}` : ''
  }`.slice(0, 300);

async function checkAccessRules(portalUrl, tokens, spec) {
  const maria = apiClient(portalUrl, tokens['maria.garcia']);
  const sam = apiClient(portalUrl, tokens['sam.chen']);
  const priya = apiClient(portalUrl, tokens['priya.patel']);
  const deployments = `${API}/environments/${environment}/deployments`;

  const requested = await maria('POST', deployments, {
    spec,
    source: 'sandbox',
    approval: 'required',
    owner: 'group:default/platform-team',
  });
  if (
    !check(
      'maria.garcia (platform-team) requests a deployment that needs approval',
      requested.status === 202,
      summary(requested),
    )
  ) {
    return;
  }
  const { id } = requested.body;
  const waiting = await waitForDeployment(maria, id, ['awaiting-approval']);
  check(
    'the deployment waits for approval',
    waiting.body?.status === 'awaiting-approval',
    waiting.error?.message ?? summary(waiting),
  );

  const ownApproval = await maria('POST', `${deployments}/${id}/execute`);
  check(
    'the requester cannot approve their own deployment (403, aws-environment.approve)',
    namesPermission(ownApproval, 'aws-environment.approve'),
    summary(ownApproval),
  );
  const update = await priya('POST', deployments, {
    spec,
    source: 'sandbox',
    mode: 'update',
  });
  check(
    'another group cannot update the environment (403, aws-environment.update)',
    namesPermission(update, 'aws-environment.update'),
    summary(update),
  );
  const destroy = await priya('DELETE', `${API}/environments/${environment}`, {
    confirm: environment,
  });
  check(
    'another group cannot destroy the environment (403, aws-environment.destroy)',
    namesPermission(destroy, 'aws-environment.destroy'),
    summary(destroy),
  );

  const approval = await sam('POST', `${deployments}/${id}/execute`);
  check(
    'a second platform-team member approves (202)',
    approval.status === 202,
    summary(approval),
  );
  if (approval.status !== 202) return;
  const done = await waitForDeployment(sam, id, ['succeeded']);
  check(
    'the approved deployment succeeds',
    done.body?.status === 'succeeded',
    done.error?.message ?? summary(done),
  );
  check(
    'the deployment records who requested and who approved it',
    done.body?.requestedBy === 'user:default/maria.garcia' &&
      done.body?.approvedBy === 'user:default/sam.chen',
    `requestedBy ${done.body?.requestedBy}, approvedBy ${done.body?.approvedBy}`,
  );
}

async function main() {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `no Chromium at ${chromiumPath}: apt-get install -y chromium (./portal test installs it) or set CHROMIUM_PATH`,
    );
  }
  const dir = unpackBundle();
  cleanups.push(() => dropDatabases());
  const portalUrl = `http://localhost:${port}`;

  const oidc = await startOidcProvider({
    redirectUri: `${portalUrl}/api/auth/oidc/handler/frame`,
    accounts,
  });
  cleanups.push(() => oidc.stop());

  const secret = () => randomBytes(24).toString('hex');
  const portal = await startPortal({
    root: dir,
    cwd: dir,
    port,
    logFile: join(resultsDir, 'production-backend.log'),
    command: 'node',
    args: ['packages/backend', ...configFiles.flatMap(f => ['--config', f])],
    env: {
      NODE_ENV: 'production',
      PORTAL_BASE_URL: portalUrl,
      POSTGRES_HOST: '127.0.0.1',
      POSTGRES_PORT: '5432',
      POSTGRES_USER: 'postgres',
      POSTGRES_PASSWORD: 'unused-with-trust-auth',
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      BACKEND_SECRET: secret(),
      AUTH_SESSION_SECRET: secret(),
      AUTH_OIDC_METADATA_URL: oidc.metadataUrl,
      AUTH_OIDC_CLIENT_ID: oidc.clientId,
      AUTH_OIDC_CLIENT_SECRET: oidc.clientSecret,
    },
  });
  cleanups.push(() => portal.stop());
  check(
    'backend ready with the production config',
    true,
    `${(portal.readyAfterMs / 1000).toFixed(1)} s`,
  );

  const html = await (
    await fetch(`${portalUrl}/`, { signal: AbortSignal.timeout(30_000) })
  ).text();
  check(
    'the built frontend is served',
    html.includes('<title>Innovate Portal</title>'),
  );

  const anonymous = apiClient(portalUrl);
  const unauthenticated = await anonymous('GET', `${API}/environments`);
  check(
    'a call without a token gets 401',
    unauthenticated.status === 401,
    summary(unauthenticated),
  );
  const guest = await fetch(
    `${portalUrl}/api/auth/guest/refresh?env=development`,
    {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
      signal: AbortSignal.timeout(30_000),
    },
  );
  check(
    'guest sign-in does not exist in production',
    guest.status === 404,
    `HTTP ${guest.status}`,
  );

  // Sign-in finds people in the catalog: wait until it holds them.
  const people = ['maria.garcia', 'sam.chen', 'priya.patel', 'platform-team'];
  const stitched = await waitFor(
    'the catalog users in PostgreSQL',
    async () => {
      const rows = await query(
        `SELECT final_entity::json->'metadata'->>'name' AS name FROM final_entities
         WHERE final_entity IS NOT NULL`,
      ).catch(() => []);
      const names = rows.map(r => r.name);
      return people.every(p => names.includes(p)) && rows.length;
    },
    { timeoutMs: 120_000 },
  );
  check(
    'the catalog lives in PostgreSQL',
    stitched > 0,
    `${stitched} entities in ${prefix}catalog`,
  );

  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    timeout: 60_000,
  });
  cleanups.push(() => browser.close());
  const tokens = await signInUsers(browser, portalUrl);
  if (!tokens['maria.garcia']) return;

  const maria = apiClient(portalUrl, tokens['maria.garcia']);
  const components = await maria(
    'GET',
    '/api/catalog/entities/by-query?filter=kind=component',
  );
  check(
    'the catalog lists the root entity to a signed-in user',
    components.body?.items?.some(e => e.metadata.name === 'innovate-portal'),
    summary(components),
  );

  const envs = await maria('GET', `${API}/environments`);
  if (
    check(
      'the aws-environments API answers',
      envs.status === 200,
      summary(envs),
    )
  ) {
    const name = envs.body.items[0]?.name;
    if (name) await maria('GET', `${API}/environments/${name}/cluster`);
    const keys = await redisCommand('KEYS', 'aws-environments*');
    const count = Number(/^\*(\d+)/.exec(keys)?.[1] ?? 0);
    check('views are cached in Redis', count > 0, `${count} keys`);
  }

  if (tokens['sam.chen'] && tokens['priya.patel']) {
    await checkAccessRules(portalUrl, tokens, environmentSpec(dir));
  }
}

async function cleanUp() {
  while (cleanups.length) {
    const cleanup = cleanups.pop();
    try {
      await Promise.race([cleanup(), sleep(30_000)]);
    } catch (error) {
      console.warn(`[smoke] clean-up: ${error.message}`);
    }
  }
}

function finish() {
  console.log(
    failures.length
      ? `[smoke] ${failures.length} check(s) failed`
      : '[smoke] all checks passed',
  );
  process.exit(failures.length ? 1 : 0);
}

const watchdog = setTimeout(async () => {
  check(
    'production smoke test',
    false,
    `not done after ${runTimeoutMs / 60_000} min`,
  );
  await cleanUp();
  finish();
}, runTimeoutMs);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    check('production smoke test', false, `stopped by ${signal}`);
    await cleanUp();
    finish();
  });
}

main()
  .catch(error => {
    check('production start', false, error.message);
  })
  .finally(async () => {
    clearTimeout(watchdog);
    await cleanUp();
    finish();
  });
