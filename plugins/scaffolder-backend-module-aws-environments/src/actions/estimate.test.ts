import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createEstimateAction } from './estimate';

const spec = {
  name: 'innovate-x',
  accounts: { management: '111111111111', workloads: '222222222222' },
  budget: { alertEmail: 'ops@innovate.example' },
};

describe('aws-environments:estimate', () => {
  it('outputs lines, total and verdict for the seed defaults', async () => {
    const ctx = createMockActionContext({ input: { spec } });
    await createEstimateAction().handler(ctx);

    const outputs = Object.fromEntries(
      (ctx.output as jest.Mock).mock.calls.map(([k, v]) => [k, v]),
    );
    expect(outputs.budgetUsd).toBe(430);
    const lineSum = outputs.lines.reduce(
      (sum: number, line: { monthlyUsd: number }) => sum + line.monthlyUsd,
      0,
    );
    expect(outputs.totalMonthlyUsd).toBeCloseTo(lineSum, 1);
    expect(outputs.lines.map((l: { id: string }) => l.id)).toEqual(
      expect.arrayContaining(['eks-control-plane']),
    );
    expect(['under', 'near', 'over']).toContain(outputs.verdict);
    expect(outputs.markdown).toContain(
      '| Line | Per month | How it is computed |',
    );
    expect(
      outputs.markdown.split('\n').filter((l: string) => l.startsWith('| ')),
    ).toHaveLength(outputs.lines.length + 2); // header, separator, lines
    expect(outputs.summary).toMatch(
      /^Estimated \$[\d,.]+\/month against a budget of \$430\.00/,
    );
  });

  it('suggests savings with their amounts when over budget', async () => {
    const ctx = createMockActionContext({
      input: { spec: { ...spec, budget: { ...spec.budget, monthlyUsd: 100 } } },
    });
    await createEstimateAction().handler(ctx);
    const outputs = Object.fromEntries(
      (ctx.output as jest.Mock).mock.calls.map(([k, v]) => [k, v]),
    );
    expect(outputs.verdict).toBe('over');
    expect(outputs.suggestions.length).toBeGreaterThan(0);
    for (const s of outputs.suggestions) {
      expect(s.monthlySavingsUsd).toBeGreaterThan(0);
    }
  });

  it('rejects an invalid spec naming the field', async () => {
    const ctx = createMockActionContext({
      input: {
        spec: { ...spec, accounts: { ...spec.accounts, workloads: '12' } },
      },
    });
    await expect(createEstimateAction().handler(ctx)).rejects.toThrow(
      /spec\.accounts\.workloads/,
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });
});
