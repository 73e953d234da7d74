import { planDestroy } from './destroyPlan';
import { ACCOUNT_BASELINE_STACK_NAME } from './spec/naming';

describe('planDestroy', () => {
  const stack = (stackName: string, reads: string[], stateful = false) => ({
    stackName,
    stateful,
    template: {
      Resources: Object.fromEntries(
        reads.map((producer, i) => [
          `R${i}`,
          {
            Type: 'AWS::SSM::Parameter',
            Properties: {
              Value: {
                'Fn::GetStackOutput': { StackName: producer, OutputName: 'X' },
              },
            },
          },
        ]),
      ),
    },
  });

  it('keeps what the stateful stack reads, transitively', () => {
    const plan = planDestroy(
      [
        stack('net', []),
        stack('key', ['net']),
        stack('db', ['key'], true),
        stack('app', ['net', 'db']),
      ],
      { destroyData: false },
    );
    expect(plan.keep.map(s => s.stackName)).toEqual(['net', 'key', 'db']);
    expect(plan.remove.map(s => s.stackName)).toEqual(['app']);
  });

  it('never deletes the account baseline, even with the data', () => {
    const stacks = [
      stack('net', []),
      stack('db', ['net'], true),
      stack(ACCOUNT_BASELINE_STACK_NAME, []),
      stack('app', ['db']),
    ];
    for (const destroyData of [false, true]) {
      const plan = planDestroy(stacks, { destroyData });
      expect(plan.remove.map(s => s.stackName)).not.toContain(
        ACCOUNT_BASELINE_STACK_NAME,
      );
      expect(plan.keep.map(s => s.stackName)).toContain(
        ACCOUNT_BASELINE_STACK_NAME,
      );
    }
    expect(
      planDestroy(stacks, { destroyData: true }).remove.map(s => s.stackName),
    ).toEqual(['app', 'db', 'net']);
  });

  it('follows exports too, and refuses a cycle', () => {
    const exporter = {
      stackName: 'a',
      stateful: false,
      template: {
        Outputs: { Out: { Value: 'x', Export: { Name: 'a-out' } } },
        Resources: {},
      },
    };
    const importer = {
      stackName: 'b',
      stateful: false,
      template: {
        Resources: { R: { Properties: { V: { 'Fn::ImportValue': 'a-out' } } } },
      },
    };
    expect(
      planDestroy([exporter, importer], { destroyData: true }).remove.map(
        s => s.stackName,
      ),
    ).toEqual(['b', 'a']);
    expect(() =>
      planDestroy([stack('x', ['y']), stack('y', ['x'])], {
        destroyData: true,
      }),
    ).toThrow('The stacks x, y reference each other; no deletion order exists');
  });
});
