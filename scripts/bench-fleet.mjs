#!/usr/bin/env node
// Benchmark of the fleet summary (issue 20), on demand:
//
//   node scripts/bench-fleet.mjs              both parts below
//   node scripts/bench-fleet.mjs --aws-only   only the mocked AWS calls
//   node scripts/bench-fleet.mjs --http-only  only the started backend
//
// 1. AWS calls per refresh, for 1, 10, 100 and 500 environments spread over
//    3 account pairs, against mocked AWS clients (aws-sdk-client-mock, in
//    process, scripts/bench/fleetAwsCalls.ts): the fleet (one cold
//    GET fleet) next to what the list page asked for before (one alarms and
//    one cost view per environment).
// 2. The backend from source (sandbox, SQLite files in a temporary
//    directory), the seed environment deployed, then 499 more environments
//    written straight into the registry (copies of the seed's row, over 3
//    account pairs and regions): latency of GET fleet as the page asks for
//    it (50 a page), cold and then warm (p50/p99), and with all 500 in one
//    page. Stops the backend and removes its files.
//
// 3. With Chromium (CHROMIUM_PATH, default /usr/bin/chromium) and the built
//    frontend (packages/app/dist, `yarn build:frontend` or the browser
//    tests' build), the environments page as a guest sees it: requests to
//    the API per page load and the time from navigation to the last budget
//    bar of the first page. Skipped when either is missing.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { tsImport } from 'tsx/esm/api';
import { startPortal } from './lib/portal-process.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const API = '/api/aws-environments/v1';
const COUNTS = [1, 10, 100, 500];
const PAIRS = [
  {
    management: '100000000001',
    workloads: '200000000001',
    region: 'us-east-1',
  },
  {
    management: '100000000002',
    workloads: '200000000002',
    region: 'eu-west-1',
  },
  {
    management: '100000000003',
    workloads: '200000000003',
    region: 'us-west-2',
  },
];
const args = process.argv.slice(2);
const sleep = ms => new Promise(r => setTimeout(r, ms));

function percentile(sorted, p) {
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

async function awsCalls() {
  const module = await tsImport('./bench/fleetAwsCalls.ts', import.meta.url);
  const { measureAwsCalls } = module.default ?? module;
  const rows = [];
  for (const count of COUNTS) rows.push(await measureAwsCalls(count));
  console.log(
    '\nAWS calls per refresh (mocked; 3 account pairs, one region each)',
  );
  console.log(
    '| environments | fleet: ce:GetCostAndUsage | fleet: cloudwatch:DescribeAlarms | fleet total | fleet again within TTL | before: total (GetCostAndUsage + GetCostForecast + DescribeBudget + DescribeAlarms) |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${r.environments} | ${r.fleet.costAndUsage} | ${r.fleet.describeAlarms} | ${r.fleetTotal} | ${r.fleetAgainInTtl} | ${r.beforeTotal} (${r.before.costAndUsage} + ${r.before.forecast} + ${r.before.budgets} + ${r.before.describeAlarms}) |`,
    );
  }
  console.log(
    'Requests are pages: each DescribeAlarms page holds 100 alarms (every mocked environment has one in ALARM); each GetCostAndUsage page 5,000 groups (an assumption: Cost Explorer documents no page size).',
  );
  return rows;
}

async function json(url, token, init = {}) {
  const response = await fetch(url, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, ...(init.headers ?? {}) },
  });
  if (!response.ok) {
    throw new Error(`${url}: ${response.status} ${await response.text()}`);
  }
  return response.json();
}

/** Copies of the seed's row, over the account pairs and regions. */
function addEnvironments(databaseDir, count) {
  const require = createRequire(join(root, 'packages/backend/package.json'));
  const Database = require('better-sqlite3');
  const db = new Database(join(databaseDir, 'aws-environments.sqlite'));
  try {
    const seed = db
      .prepare("select * from environments where status = 'deployed' limit 1")
      .get();
    if (!seed) throw new Error('the seed environment is not deployed');
    const insert = db.prepare(
      `insert into environments (name, source, status, spec, outputs, stacks, entities, checks, last_deployment_id, created_at, updated_at, owner)
       values (@name, @source, @status, @spec, @outputs, @stacks, '[]', @checks, @last_deployment_id, @created_at, @updated_at, @owner)`,
    );
    const spec = JSON.parse(seed.spec);
    db.transaction(() => {
      for (let i = 1; i < count; i++) {
        const pair = PAIRS[i % PAIRS.length];
        const name = `bench-${String(i).padStart(3, '0')}`;
        insert.run({
          ...seed,
          name,
          spec: JSON.stringify({
            ...spec,
            name,
            region: pair.region,
            accounts: {
              management: pair.management,
              workloads: pair.workloads,
            },
          }),
        });
      }
    })();
    return db.prepare('select count(*) as n from environments').get().n;
  } finally {
    db.close();
  }
}

async function timed(url, token) {
  const started = performance.now();
  const body = await json(url, token);
  return { ms: performance.now() - started, body };
}

/** The environments page in Chromium: API requests and time to the last bar. */
async function browser(url) {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (
    !existsSync(executablePath) ||
    !existsSync(join(root, 'packages/app/dist/index.html'))
  ) {
    console.log('\nChromium or the built frontend is missing: no page timing.');
    return;
  }
  const instance = await chromium.launch({ executablePath });
  try {
    const page = await instance.newPage({
      baseURL: url,
      viewport: { width: 1440, height: 900 },
    });
    await page.goto('/');
    await page.getByRole('button', { name: 'Enter' }).click();
    await page
      .getByRole('navigation', { name: 'sidebar nav' })
      .waitFor({ state: 'attached', timeout: 60_000 });
    console.log(
      '\nThe environments page in Chromium (500 environments, 50 a page)',
    );
    console.log(
      '| load | API requests (aws-environments) | API requests (all /api) | ms to the last budget bar |',
    );
    console.log('|---:|---:|---:|---:|');
    for (let load = 1; load <= 3; load++) {
      const requests = [];
      const record = request => {
        const path = new URL(request.url()).pathname;
        if (path.startsWith('/api/')) requests.push(path);
      };
      page.on('request', record);
      const started = performance.now();
      await page.goto('/aws-environments');
      // 50 rows' bars and the totals' bar.
      const bars = page.getByRole('meter', {
        name: /^Month-to-date spend of /,
      });
      await page.waitForFunction(
        () =>
          document.querySelectorAll(
            '[role="meter"][aria-label^="Month-to-date spend of"]',
          ).length >= 51,
        undefined,
        { timeout: 60_000 },
      );
      await bars.last().waitFor();
      const ms = performance.now() - started;
      page.off('request', record);
      const ours = requests.filter(p => p.startsWith(API.replace('/v1', '')));
      const others = requests.filter(p => !ours.includes(p));
      console.log(
        `| ${load} | ${ours.length} (${[...new Set(ours)].join(', ')}) | ${
          requests.length
        } (others: ${[...new Set(others)].join(', ')}) | ${ms.toFixed(0)} |`,
      );
    }
  } finally {
    await instance.close();
  }
}

async function http() {
  const databaseDir = mkdtempSync(join(tmpdir(), 'bench-fleet-'));
  const port = 7399;
  const portal = await startPortal({
    root,
    port,
    logFile: join(root, 'test-results', 'bench-fleet', 'backend.log'),
    env: {
      APP_CONFIG_backend_database_connection: JSON.stringify({
        directory: databaseDir,
      }),
    },
  });
  try {
    const { url } = portal;
    const guest = await fetch(`${url}/api/auth/guest/refresh`, {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    const token = (await guest.json()).backstageIdentity.token;
    for (let i = 0; ; i++) {
      const { items } = await json(`${url}${API}/environments`, token);
      if (items.some(e => e.status === 'deployed')) break;
      if (i > 120) throw new Error('the seed environment was not deployed');
      await sleep(2000);
    }
    const total = addEnvironments(databaseDir, 500);
    console.log(`\nGET fleet with ${total} sandbox environments (${url})`);
    const page = `${url}${API}/fleet?limit=50`;
    const cold = await timed(page, token);
    const warm = [];
    for (let i = 0; i < 200; i++) warm.push((await timed(page, token)).ms);
    warm.sort((a, b) => a - b);
    const all = [];
    let allBody;
    for (let i = 0; i < 50; i++) {
      const r = await timed(`${url}${API}/fleet?limit=500`, token);
      all.push(r.ms);
      allBody = r.body;
    }
    all.sort((a, b) => a - b);
    const fmt = ms => `${ms.toFixed(1)} ms`;
    console.log('| request | n | p50 | p99 |');
    console.log('|---|---:|---:|---:|');
    console.log(
      `| cold (first, empty cache), limit=50 | 1 | ${fmt(cold.ms)} | — |`,
    );
    console.log(
      `| warm, limit=50 (the page's request) | ${warm.length} | ${fmt(
        percentile(warm, 50),
      )} | ${fmt(percentile(warm, 99))} |`,
    );
    console.log(
      `| warm, limit=500 (all in one page) | ${all.length} | ${fmt(
        percentile(all, 50),
      )} | ${fmt(percentile(all, 99))} |`,
    );
    console.log(
      `Totals: ${allBody.totals.environments} environments, ${allBody.groups.length} account/region groups, ${allBody.items.length} entries in the limit=500 page, ${allBody.totals.firingAlarms} alarms firing; page 1 had ${cold.body.items.length} entries and nextCursor ${cold.body.nextCursor}.`,
    );
    await browser(url);
  } finally {
    await portal.stop();
    rmSync(databaseDir, { recursive: true, force: true });
  }
}

if (!args.includes('--http-only')) await awsCalls();
if (!args.includes('--aws-only')) await http();
