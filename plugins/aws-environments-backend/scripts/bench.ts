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
import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import {
  estimateFromSpec,
  parseEnvironmentSpec,
  SEED_ENVIRONMENT_INPUT,
  validateEnvironmentSpec,
  ViewName,
} from '@innovate/plugin-aws-environments-common';
import autocannon from 'autocannon';
import express from 'express';
import knexFactory from 'knex';
import { AddressInfo } from 'node:net';
import {
  MockedAwsClientFactory,
  mockAwsEnvironment,
} from '../src/__testUtils__/awsMocks';
import { fixtureSynthesis } from '../src/__testUtils__/fakeSynthesizer';
import { createRouter } from '../src/router';
import { AwsDataSource } from '../src/services/DataSources/aws/AwsDataSource';
import { SandboxDataSource } from '../src/services/DataSources/sandbox/SandboxDataSource';
import { DefaultDeploymentService } from '../src/services/Deployments/DefaultDeploymentService';
import { DatabaseEnvironmentRegistry } from '../src/services/EnvironmentRegistry/DatabaseEnvironmentRegistry';
import { ViewService } from '../src/services/Views/ViewService';

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

async function main() {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
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

  const now = new Date();
  const aws = mockAwsEnvironment(awsSpec, { now });
  const setDelay = (delayMs: number) => {
    aws.restore();
    Object.assign(aws, mockAwsEnvironment(awsSpec, { delayMs, now }));
  };

  const config = mockServices.rootConfig({ data: {} });
  const cache = CacheManager.fromConfig(config).forPlugin('aws-environments');
  const estimate = (env: { spec: typeof awsSpec }) =>
    estimateFromSpec(env.spec);
  const views = new ViewService({
    registry,
    sources: {
      sandbox: new SandboxDataSource({ estimate }),
      aws: new AwsDataSource({
        clients: new MockedAwsClientFactory(),
        costAllocationTag: 'innovate:environment',
        estimate,
      }),
    },
    cache,
    logger: mockServices.rootLogger({ level: 'error' }),
    options: {
      costTtlMs: 6 * 3600_000,
      viewTtlMs: 60_000,
      staleTtlMs: 7 * 86400_000,
    },
  });
  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    permissions: mockServices.permissions(),
    registry,
    views,
    deployments: new DefaultDeploymentService({
      registry,
      validateSpec: validateEnvironmentSpec,
      defaultSource: 'sandbox',
      onQueued: () => {},
    }),
    validateSpec: validateEnvironmentSpec,
    estimate: estimateFromSpec,
  });
  const app = express();
  app.use('/api/aws-environments', router);
  app.use(mockErrorHandler());
  const server = app.listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  const base = `http://127.0.0.1:${
    (server.address() as AddressInfo).port
  }/api/aws-environments/v1/environments`;

  console.log(`Warm cache (${CONNECTIONS} connections, ${SECONDS} s each):`);
  console.log('| source | view | requests/s | p50 ms | p99 ms | non-2xx |');
  console.log('|---|---|---|---|---|---|');
  for (const [spec, source] of [
    [sandboxSpec, 'sandbox'],
    [awsSpec, 'mocked aws'],
  ] as const) {
    for (const view of ['cost', 'cluster'] as ViewName[]) {
      const url = `${base}/${spec.name}/${view}`;
      const primed = await fetch(url);
      if (!primed.ok) {
        throw new Error(
          `${url} answered ${primed.status}: ${await primed.text()}`,
        );
      }
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

  setDelay(DELAY_MS);
  let deployment = 1;
  const coldCache = () =>
    registry.updateEnvironment(awsSpec.name, {
      lastDeploymentId: `bench-${deployment++}`,
    });

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
      const response = await fetch(`${base}/${awsSpec.name}/${view}`);
      timings.push(performance.now() - started);
      if (!response.ok) {
        throw new Error(
          `${view} answered ${response.status}: ${await response.text()}`,
        );
      }
      calls = countCalls(aws) - before;
    }
    timings.sort((a, b) => a - b);
    console.log(`| ${view} | ${calls} | ${timings[2].toFixed(0)} |`);
  }

  await coldCache();
  const usageBefore = aws.costExplorer.commandCalls(
    GetCostAndUsageCommand,
  ).length;
  const forecastBefore = aws.costExplorer.commandCalls(
    GetCostForecastCommand,
  ).length;
  const started = performance.now();
  const responses = await Promise.all(
    Array.from({ length: 100 }, () => fetch(`${base}/${awsSpec.name}/cost`)),
  );
  const elapsed = performance.now() - started;
  const usage =
    aws.costExplorer.commandCalls(GetCostAndUsageCommand).length - usageBefore;
  const forecast =
    aws.costExplorer.commandCalls(GetCostForecastCommand).length -
    forecastBefore;
  console.log(
    `\n100 concurrent clients, same cold cost view: ${
      responses.filter(r => r.ok).length
    } × 200 in ${elapsed.toFixed(0)} ms; ` +
      `Cost Explorer calls: ${usage} GetCostAndUsage + ${forecast} GetCostForecast (one upstream fetch)`,
  );

  aws.restore();
  server.close();
  await knex.destroy();
}

function countCalls(aws: ReturnType<typeof mockAwsEnvironment>): number {
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
