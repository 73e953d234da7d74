import * as fs from 'node:fs';
import * as path from 'node:path';
import { EnvironmentSpecError } from '@innovate/plugin-aws-environments-common';
import { EnvironmentSynthesis, synthesizeEnvironment } from './synthesize';
import { tempOutdir, testSpec } from './__testUtils__/synth';

describe('synthesizeEnvironment', () => {
  let synthesis: EnvironmentSynthesis;
  let outdir: string;

  beforeAll(async () => {
    outdir = tempOutdir();
    synthesis = await synthesizeEnvironment(testSpec(), {
      outdir,
      estimate: { asOf: '2026-11-26' },
    });
  });

  it('writes the cloud assembly to outdir without context lookups', () => {
    expect(synthesis.assemblyDir).toBe(outdir);
    const manifest = JSON.parse(
      fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'),
    );
    expect(manifest.missing).toBeUndefined();
    for (const stack of synthesis.stacks) {
      expect(fs.existsSync(stack.templateFile)).toBe(true);
      expect(JSON.parse(fs.readFileSync(stack.templateFile, 'utf8'))).toEqual(
        stack.template,
      );
    }
  });

  it('stages the assets by default, the kubectl layer with them; stageAssets: false points at the sources instead', async () => {
    const sources = (dir: string) =>
      Object.values(
        JSON.parse(
          fs.readFileSync(path.join(dir, 'Cluster.assets.json'), 'utf8'),
        ).files as Record<string, { source: { path: string } }>,
      ).map(file => file.source.path);
    const staged = sources(outdir);
    expect(staged.length).toBeGreaterThan(2);
    for (const source of staged) {
      expect(path.isAbsolute(source)).toBe(false);
      expect(fs.existsSync(path.join(outdir, source))).toBe(true);
    }
    const unstagedDir = tempOutdir();
    const unstaged = await synthesizeEnvironment(testSpec(), {
      outdir: unstagedDir,
      estimate: { asOf: '2026-11-26' },
      stageAssets: false,
    });
    const layer = sources(unstagedDir).find(source =>
      source.includes('lambda-layer-kubectl-v33'),
    );
    expect(layer).toMatch(/^\/.*layer\.zip$/);
    expect(fs.existsSync(layer!)).toBe(true);
    expect(
      fs.readdirSync(unstagedDir).filter(file => file.startsWith('asset.')),
    ).toEqual([]);
    expect(unstaged.stacks.map(stack => stack.template)).toEqual(
      synthesis.stacks.map(stack => stack.template),
    );
  });

  it('names the stacks <environment>-<role>, the shared account baseline apart, and places them in the two accounts', () => {
    expect(
      synthesis.stacks.map(s => [s.id, s.stackName, s.account, s.region]),
    ).toEqual([
      ['network', 'innovate-test-network', '222222222222', 'us-east-1'],
      ['database', 'innovate-test-database', '222222222222', 'us-east-1'],
      ['edge', 'innovate-test-edge', '222222222222', 'us-east-1'],
      ['cluster', 'innovate-test-cluster', '222222222222', 'us-east-1'],
      [
        'observability',
        'innovate-test-observability',
        '222222222222',
        'us-east-1',
      ],
      ['baseline', 'innovate-account-baseline', '222222222222', 'us-east-1'],
      ['registry', 'innovate-test-registry', '111111111111', 'us-east-1'],
      ['budget', 'innovate-test-budget', '111111111111', 'us-east-1'],
    ]);
  });

  it('keeps the database in the only stateful stack; it and the shared baseline are termination-protected', () => {
    expect(synthesis.stacks.filter(s => s.stateful).map(s => s.id)).toEqual([
      'database',
    ]);
    expect(synthesis.stacks.filter(s => s.shared).map(s => s.id)).toEqual([
      'baseline',
    ]);
    expect(
      synthesis.stacks.filter(s => s.terminationProtection).map(s => s.id),
    ).toEqual(['database', 'baseline']);
  });

  it('returns the reports, the estimate and the entities', () => {
    expect(synthesis.nag.passed).toBe(true);
    expect(synthesis.conformance.passed).toBe(true);
    expect(synthesis.estimate.totalMonthlyUsd).toBe(874.39);
    expect(synthesis.entities.length).toBeGreaterThan(20);
    expect(synthesis.spec.name).toBe('innovate-test');
  });

  it('adds the us-east-1 web ACL stack for other regions', async () => {
    const other = await synthesizeEnvironment(
      testSpec(s => {
        s.region = 'eu-west-2';
      }),
    );
    expect(other.stacks.find(s => s.id === 'edge-waf')).toMatchObject({
      stackName: 'innovate-test-edge-waf',
      region: 'us-east-1',
      account: '222222222222',
    });
    expect(fs.existsSync(other.assemblyDir)).toBe(true);
    expect(other.conformance.passed).toBe(true);
  });

  it('rejects an invalid spec with the field errors', async () => {
    await expect(
      synthesizeEnvironment({ ...testSpec(), name: 'Bad Name' }),
    ).rejects.toBeInstanceOf(EnvironmentSpecError);
  });
});
