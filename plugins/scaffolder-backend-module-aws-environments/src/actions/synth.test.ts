import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { createSynthAction } from './synth';

const spec = {
  name: 'innovate-synth',
  accounts: { management: '111111111111', workloads: '333333333333' },
  budget: { alertEmail: 'platform-alerts@innovate.example' },
};

describe('aws-environments:synth', () => {
  it('writes the assembly, the reports and the catalog entities into the workspace', async () => {
    const ctx = createMockActionContext({
      input: { spec, targetPath: 'infra' },
    });
    await createSynthAction().handler(ctx);

    const dir = join(ctx.workspacePath, 'infra');
    const manifest = JSON.parse(
      await fs.readFile(join(dir, 'cdk.out', 'manifest.json'), 'utf8'),
    );
    expect(Object.keys(manifest.artifacts)).toEqual(
      expect.arrayContaining(['Network', 'Database', 'Cluster', 'Edge']),
    );
    const conformance = JSON.parse(
      await fs.readFile(join(dir, 'reports', 'conformance.json'), 'utf8'),
    );
    expect(conformance.passed).toBe(true);
    const nag = JSON.parse(
      await fs.readFile(join(dir, 'reports', 'nag.json'), 'utf8'),
    );
    expect(nag.findings).toEqual([]);
    const entities = yaml
      .parseAllDocuments(
        await fs.readFile(join(dir, 'catalog', 'entities.yaml'), 'utf8'),
      )
      .map(d => d.toJS());
    expect(entities.map(e => e.metadata.name)).toContain('innovate-synth');

    expect(ctx.output).toHaveBeenCalledWith('assemblyPath', 'infra/cdk.out');
    expect(ctx.output).toHaveBeenCalledWith(
      'stacks',
      expect.arrayContaining([
        'innovate-synth-network',
        'innovate-synth-cluster',
      ]),
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'entitiesPath',
      'infra/catalog/entities.yaml',
    );
    expect(ctx.output).toHaveBeenCalledWith('conformancePassed', true);
    expect(ctx.output).toHaveBeenCalledWith('failedClaims', []);
  }, 120_000);

  it('stops on a departure from the seed that the template does not allow', async () => {
    const ctx = createMockActionContext({
      input: { spec: { ...spec, network: { natGateways: 1 } } },
    });
    await expect(createSynthAction().handler(ctx)).rejects.toThrow(
      /seed claim "nat-per-az" failed: .*allowedDeviations/s,
    );
    expect(ctx.output).not.toHaveBeenCalled();
  }, 120_000);

  it('refuses to write outside the workspace', async () => {
    const ctx = createMockActionContext({
      input: { spec, targetPath: '../../etc' },
    });
    await expect(createSynthAction().handler(ctx)).rejects.toThrow(
      /outside the working directory|Relative path is not allowed/,
    );
  });
});
