#!/usr/bin/env node
// Proves that the production build starts with app-config.production.yaml
// against the PostgreSQL and Redis of this machine, the way the Dockerfile
// runs it: unpack the bundle of `yarn build:backend` (run it first; `./portal
// test` does), `node packages/backend --config app-config.yaml --config
// app-config.production.yaml`.
//
// The bundle's third-party dependencies are linked from this checkout's
// node_modules instead of `yarn workspaces focus --production` (that needs a
// second full download); the workspace packages come from the bundle, built.
//
// Checks: readiness; the built frontend is served; the catalog (PostgreSQL)
// holds the root entity; the catalog's tables are in PostgreSQL; a cached
// view lands in Redis. Cleans up its databases afterwards.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
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
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { startPortal } from './lib/portal-process.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(join(root, 'packages/backend/package.json'));
const { Client } = require('pg');

const port = 7227;
const prefix = `portal_smoke_${process.pid}_`;
const token = randomBytes(24).toString('hex');
const failures = [];

function check(name, ok, detail = '') {
  console.log(
    `${ok ? '  ok  ' : '  FAIL'} ${name}${detail ? ` (${detail})` : ''}`,
  );
  if (!ok) failures.push(name);
}

function redisCommand(...args) {
  const url = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const payload = `*${args.length}\r\n${args
    .map(a => `$${Buffer.byteLength(a)}\r\n${a}\r\n`)
    .join('')}`;
  return new Promise((resolve, reject) => {
    const socket = createConnection(Number(url.port || 6379), url.hostname);
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

async function main() {
  const bundle = join(root, 'packages/backend/dist/bundle.tar.gz');
  if (!existsSync(bundle)) {
    throw new Error(
      'packages/backend/dist/bundle.tar.gz is missing: run yarn build:backend first',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'portal-smoke-'));
  execFileSync('tar', ['xzf', bundle, '-C', dir]);
  for (const file of [
    'app-config.yaml',
    'app-config.production.yaml',
    'catalog-info.yaml',
  ]) {
    cpSync(join(root, file), join(dir, file));
  }
  if (existsSync(join(root, 'templates'))) {
    cpSync(join(root, 'templates'), join(dir, 'templates'), {
      recursive: true,
    });
  }
  linkNodeModules(dir);
  writeFileSync(
    join(dir, 'app-config.smoke.yaml'),
    [
      'backend:',
      '  database:',
      `    prefix: ${prefix}`,
      '  auth:',
      '    externalAccess:',
      '      - type: static',
      '        options:',
      `          token: ${token}`,
      '          subject: production-smoke-test',
      '',
    ].join('\n'),
  );

  const secret = () => randomBytes(24).toString('hex');
  let portal;
  try {
    portal = await startPortal({
      root: dir,
      cwd: dir,
      port,
      logFile: join(root, 'test-results', 'production-backend.log'),
      command: 'node',
      args: [
        'packages/backend',
        '--config',
        'app-config.yaml',
        '--config',
        'app-config.production.yaml',
        '--config',
        'app-config.smoke.yaml',
      ],
      env: {
        NODE_ENV: 'production',
        PORTAL_BASE_URL: `http://localhost:${port}`,
        POSTGRES_HOST: '127.0.0.1',
        POSTGRES_PORT: '5432',
        POSTGRES_USER: 'postgres',
        POSTGRES_PASSWORD: 'unused-with-trust-auth',
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        BACKEND_SECRET: secret(),
        AUTH_SESSION_SECRET: secret(),
        AUTH_GITHUB_CLIENT_ID: 'smoke-test-client',
        AUTH_GITHUB_CLIENT_SECRET: secret(),
      },
    });
    check(
      'backend ready with the production config',
      true,
      `${(portal.readyAfterMs / 1000).toFixed(1)} s`,
    );

    const html = await (await fetch(`${portal.url}/`)).text();
    check(
      'the built frontend is served',
      html.includes('<title>Innovate Portal</title>'),
    );

    const headers = { Authorization: `Bearer ${token}` };
    let names = [];
    for (let i = 0; i < 60 && !names.includes('innovate-portal'); i++) {
      const res = await fetch(
        `${portal.url}/api/catalog/entities/by-query?filter=kind=component`,
        { headers },
      );
      if (res.ok) names = (await res.json()).items.map(e => e.metadata.name);
      if (!names.includes('innovate-portal'))
        await new Promise(r => setTimeout(r, 1000));
    }
    check(
      'the catalog lists the root entity',
      names.includes('innovate-portal'),
    );

    const pg = new Client({
      host: '127.0.0.1',
      port: 5432,
      user: 'postgres',
      database: `${prefix}catalog`,
    });
    await pg.connect();
    const { rows } = await pg.query(
      'SELECT count(*)::int AS n FROM final_entities',
    );
    await pg.end();
    check(
      'the catalog lives in PostgreSQL',
      rows[0].n > 0,
      `${rows[0].n} entities in ${prefix}catalog`,
    );

    const envs = await fetch(
      `${portal.url}/api/aws-environments/v1/environments`,
      { headers },
    );
    check('the aws-environments API answers', envs.ok, `HTTP ${envs.status}`);
    if (envs.ok) {
      const { items } = await envs.json();
      const name = items[0]?.name;
      if (name) {
        await fetch(
          `${portal.url}/api/aws-environments/v1/environments/${name}/cluster`,
          { headers },
        );
      }
      const keys = await redisCommand('KEYS', 'aws-environments*');
      const count = Number(/^\*(\d+)/.exec(keys)?.[1] ?? 0);
      check('views are cached in Redis', count > 0, `${count} keys`);
    }
  } finally {
    await portal?.stop();
    await dropDatabases();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function dropDatabases() {
  const pg = new Client({
    host: '127.0.0.1',
    port: 5432,
    user: 'postgres',
    database: 'postgres',
  });
  await pg.connect();
  const { rows } = await pg.query(
    'SELECT datname FROM pg_database WHERE datname LIKE $1',
    [`${prefix}%`],
  );
  for (const { datname } of rows) {
    await pg.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
  await pg.end();
}

main()
  .catch(error => {
    check('production start', false, error.message);
  })
  .finally(() => {
    console.log(
      failures.length
        ? `[smoke] ${failures.length} check(s) failed`
        : '[smoke] all checks passed',
    );
    process.exit(failures.length ? 1 : 0);
  });
