/*
 * Benchmark of the data views (not a test). Run from this package:
 *
 *   yarn bench            # = yarn run -T tsx scripts/bench.ts
 *
 * It serves the plugin's router from a minimal express app (SQLite in
 * memory, Backstage's in-memory cache, the permission framework off) with two
 * environments: one in the sandbox and one on the aws source, whose AWS
 * calls are answered by aws-sdk-client-mock.
 *
 * 1. Warm cache: requests/s and p99 of the cost and cluster views
 *    (autocannon, BENCH_CONNECTIONS connections for BENCH_SECONDS seconds).
 * 2. Every mocked AWS call delayed by 100 ms: latency of each cold aws view
 *    (the calls of one view run in parallel, so about one delay), and the
 *    number of Cost Explorer calls when 100 clients ask for the same cold
 *    cost view at once.
 */
import {
  GetCostAndUsageCommand,
  GetCostForecastCommand,
} from '@aws-sdk/client-cost-explorer';
import { CacheManager } from '@backstage/backend-defaults/cache';
import type { AuditorService } from '@backstage/backend-plugin-api';
import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AWS_ENVIRONMENTS_PLUGIN_ID,
  estimateFromSpec,
  parseEnvironmentSpec,
  SEED_ENVIRONMENT_INPUT,
  validateEnvironmentSpec,
  ViewName,
} from '@innovate/plugin-aws-environments-common';
import autocannon from 'autocannon';
import express from 'express';
import knexFactory, { Knex } from 'knex';
import { AddressInfo } from 'node:net';
import {
  MockedAwsClientFactory,
  mockAwsEnvironment,
} from '../src/__testUtils__/awsMocks';
import { fixtureSynthesis } from '../src/__testUtils__/fakeSynthesizer';
import { readPluginOptions } from '../src/config';
import { awsEnvironmentRules } from '../src/permissions/rules';
import { createRouter } from '../src/router';
import { EnvironmentAccess } from '../src/services/Access/EnvironmentAccess';
import { DefaultDeploymentService } from '../src/services/Deployments/DefaultDeploymentService';
import { DatabaseEnvironmentRegistry } from '../src/services/EnvironmentRegistry/DatabaseEnvironmentRegistry';
import { createViewService } from '../src/wiring';

const DELAY_MS = 100;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}

const sandboxSpec = parseEnvironmentSpec({
  ...SEED_ENVIRONMENT_INPUT,
  name: 'bench-sandbox',
});
const awsSpec = parseEnvironmentSpec({
  ...SEED_ENVIRONMENT_INPUT,
  name: 'bench-aws',
});

type MockedAws = ReturnType<typeof mockAwsEnvironment>;

/** Records nothing (the bench reads views only; mocks need jest). */
const silentAuditor: AuditorService = {
  createEvent: async () => ({ success: async () => {}, fail: async () => {} }),
};

/** A registry in SQLite in memory with both environments deployed. */
async function benchRegistry(knex: Knex) {
  const registry = await DatabaseEnvironmentRegistry.create({
    database: mockServices.database({ knex }),
  });
  for (const [spec, source] of [
    [sandboxSpec, 'sandbox'],
    [awsSpec, 'aws'],
  ] as const) {
    const synthesis = fixtureSynthesis(spec);
    await registry.createEnvironment({
      name: spec.name,
      owner: 'group:default/platform-team',
      source,
      status: 'pending',
      spec,
    });
    await registry.updateEnvironment(spec.name, {
      status: 'deployed',
      stacks: synthesis.stacks,
      entities: synthesis.entities,
      checks: synthesis.checks,
      lastDeploymentId: 'bench-0',
    });
  }
  return registry;
}

/**
 * Serves the plugin's router as plugin.ts wires it, with the default
 * options, the permission framework allowing everything and the AWS calls
 * mocked; returns the URL of the environments.
 */
async function serveRouter(registry: DatabaseEnvironmentRegistry) {
  const config = mockServices.rootConfig({ data: {} });
  const pluginOptions = readPluginOptions(config);
  const logger = mockServices.rootLogger({ level: 'error' });
  const awsClients = new MockedAwsClientFactory();
  const rules = Object.values(awsEnvironmentRules);
  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    auditor: silentAuditor,
    access: new EnvironmentAccess({
      permissions: mockServices.permissions(),
      userInfo: mockServices.userInfo(),
      catalog: catalogServiceMock(),
      ruleset: { getRuleByName: name => rules.find(r => r.name === name)! },
    }),
    registry,
    views: createViewService({
      registry,
      awsClients,
      cache: CacheManager.fromConfig(config).forPlugin(
        AWS_ENVIRONMENTS_PLUGIN_ID,
      ),
      logger,
      pluginOptions,
    }),
    // Nothing is deployed: no worker to wake.
    deployments: new DefaultDeploymentService({
      registry,
      validateSpec: validateEnvironmentSpec,
      defaultSource: pluginOptions.defaultSource,
      seedOwner: pluginOptions.defaultOwner,
      perUserLimit: pluginOptions.deployments.perUserLimit,
      onQueued: () => {},
    }),
    validateSpec: validateEnvironmentSpec,
    estimate: estimateFromSpec,
  });
  const app = express();
  app.use(`/api/${AWS_ENVIRONMENTS_PLUGIN_ID}`, router);
  app.use(mockErrorHandler());
  const server = app.listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  const base = `http://127.0.0.1:${
    (server.address() as AddressInfo).port
  }/api/${AWS_ENVIRONMENTS_PLUGIN_ID}/v1/environments`;
  return { server, base };
}

async function fetchOk(url: string) {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(
      `${url} answered ${response.status}: ${await response.text()}`,
    );
  }
  return response;
}

/** 1. Requests/s and latency of the cost and cluster views, cache warm. */
async function warmCache(base: string) {
  console.log(`Warm cache (${CONNECTIONS} connections, ${SECONDS} s each):`);
  console.log('| source | view | requests/s | p50 ms | p99 ms | non-2xx |');
  console.log('|---|---|---|---|---|---|');
  for (const [spec, source] of [
    [sandboxSpec, 'sandbox'],
    [awsSpec, 'mocked aws'],
  ] as const) {
    for (const view of ['cost', 'cluster'] as ViewName[]) {
      const url = `${base}/${spec.name}/${view}`;
      await fetchOk(url);
      // Warm up the JIT before measuring.
      await autocannon({
        url,
        connections: CONNECTIONS,
        duration: 1,
        workers: 1,
      });
      const result = (await autocannon({
        url,
        connections: CONNECTIONS,
        duration: SECONDS,
        // Fire from a worker thread: the server keeps this one.
        workers: 1,
      })) as unknown as AutocannonResult;
      console.log(
        `| ${source} | ${view} | ${Math.round(result.requests.average)} | ${
          result.latency.p50
        } | ${result.latency.p99} | ${result.non2xx + result.errors} |`,
      );
    }
  }
}

/** 2a. Latency and AWS calls of each cold aws view (median of 5). */
async function coldViews(
  base: string,
  aws: MockedAws,
  coldCache: () => Promise<void>,
) {
  console.log(
    `\nCold aws views, every mocked AWS call delayed ${DELAY_MS} ms (median of 5):`,
  );
  console.log('| view | AWS calls | latency ms |');
  console.log('|---|---|---|');
  for (const view of ['cluster', 'database', 'alarms', 'cost'] as ViewName[]) {
    const timings: number[] = [];
    let calls = 0;
    for (let i = 0; i < 5; i++) {
      await coldCache();
      const before = countCalls(aws);
      const started = performance.now();
      await fetchOk(`${base}/${awsSpec.name}/${view}`);
      timings.push(performance.now() - started);
      calls = countCalls(aws) - before;
    }
    timings.sort((a, b) => a - b);
    console.log(`| ${view} | ${calls} | ${timings[2].toFixed(0)} |`);
  }
}

/** 2b. Cost Explorer calls when 100 clients ask for one cold cost view. */
async function concurrentColdCost(base: string, aws: MockedAws) {
  const costCalls = () => ({
    usage: aws.costExplorer.commandCalls(GetCostAndUsageCommand).length,
    forecast: aws.costExplorer.commandCalls(GetCostForecastCommand).length,
  });
  const before = costCalls();
  const started = performance.now();
  const responses = await Promise.all(
    Array.from({ length: 100 }, () => fetch(`${base}/${awsSpec.name}/cost`)),
  );
  const elapsed = performance.now() - started;
  const after = costCalls();
  console.log(
    `\n100 concurrent clients, same cold cost view: ${
      responses.filter(r => r.ok).length
    } × 200 in ${elapsed.toFixed(0)} ms; ` +
      `Cost Explorer calls: ${after.usage - before.usage} GetCostAndUsage + ${
        after.forecast - before.forecast
      } GetCostForecast (one upstream fetch)`,
  );
}

async function main() {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  const registry = await benchRegistry(knex);
  const now = new Date();
  const aws = mockAwsEnvironment(awsSpec, { now });
  const { server, base } = await serveRouter(registry);

  await warmCache(base);

  aws.restore();
  Object.assign(aws, mockAwsEnvironment(awsSpec, { delayMs: DELAY_MS, now }));
  let deployment = 1;
  const coldCache = () =>
    registry.updateEnvironment(awsSpec.name, {
      lastDeploymentId: `bench-${deployment++}`,
    });
  await coldViews(base, aws, coldCache);
  await coldCache();
  await concurrentColdCost(base, aws);

  aws.restore();
  server.close();
  await knex.destroy();
}

function countCalls(aws: MockedAws): number {
  return [
    aws.eks,
    aws.rds,
    aws.cloudWatch,
    aws.costExplorer,
    aws.budgets,
  ].reduce((sum, mock) => sum + mock.calls().length, 0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
