import { validateCostEstimateField } from './validation';

function run(formData: Record<string, unknown>) {
  const errors: string[] = [];
  validateCostEstimateField(
    { valid: false },
    { addError: (message: string) => errors.push(message) } as any, // only addError is used
    { formData, uiSchema: {} } as any, // the validator reads formData and uiSchema
  );
  return errors;
}

describe('validateCostEstimateField', () => {
  it('lets a step pass while later steps still have fields to fill', () => {
    expect(
      run({
        name: 'innovate-staging',
        accounts: { management: '111111111111', workloads: '333333333333' },
      }),
    ).toEqual([]);
  });

  it('stops the step on a value that is present and wrong, naming it', () => {
    const errors = run({
      name: 'innovate-staging',
      accounts: { management: '111111111111', workloads: '333333333333' },
      cluster: { applicationNodeGroup: { minSize: 5, maxSize: 3 } },
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/applicationNodeGroup/);
  });
});
