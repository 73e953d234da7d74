import { describeFieldError, specFromFormData } from './specFromFormData';

describe('specFromFormData', () => {
  it('takes the top-level keys named like the spec and ignores the rest', () => {
    expect(
      specFromFormData({
        name: 'innovate-dev',
        budget: { monthlyUsd: 300, alertEmail: undefined },
        cluster: { applicationNodeGroup: { desiredSize: 3 } },
        costEstimate: { valid: true },
        repoUrl: 'github.com?owner=innovate&repo=env',
      }),
    ).toEqual({
      name: 'innovate-dev',
      budget: { monthlyUsd: 300 },
      cluster: { applicationNodeGroup: { desiredSize: 3 } },
    });
  });

  it('reads the whole spec from one form key', () => {
    expect(
      specFromFormData(
        { spec: { name: 'a', region: 'eu-west-1' }, name: 'ignored' },
        { specKey: 'spec' },
      ),
    ).toEqual({ name: 'a', region: 'eu-west-1' });
    expect(specFromFormData({}, { specKey: 'spec' })).toEqual({});
  });

  it('maps renamed form fields onto spec paths', () => {
    expect(
      specFromFormData(
        {
          environmentName: 'innovate-dev',
          sizing: { appNodes: 4 },
          budget: { monthlyUsd: 500 },
        },
        {
          specFields: {
            name: 'environmentName',
            'cluster.applicationNodeGroup.desiredSize': 'sizing.appNodes',
            'database.multiAz': 'missing',
          },
        },
      ),
    ).toEqual({
      name: 'innovate-dev',
      budget: { monthlyUsd: 500 },
      cluster: { applicationNodeGroup: { desiredSize: 4 } },
    });
  });

  it('does not change the form data', () => {
    const formData = { cluster: { hpa: { minReplicas: 2 } }, nodes: 5 };
    specFromFormData(formData, {
      specFields: { 'cluster.applicationNodeGroup.desiredSize': 'nodes' },
    });
    expect(formData).toEqual({
      cluster: { hpa: { minReplicas: 2 } },
      nodes: 5,
    });
  });

  it('treats anything but an object as empty form data', () => {
    expect(specFromFormData(undefined)).toEqual({});
    expect(specFromFormData('name')).toEqual({});
  });
});

describe('describeFieldError', () => {
  const error = {
    field: 'cluster.applicationNodeGroup.desiredSize',
    message: 'must be at most maxSize (20)',
  };

  it('names the spec field', () => {
    expect(describeFieldError(error)).toBe(
      'cluster.applicationNodeGroup.desiredSize: must be at most maxSize (20)',
    );
  });

  it('names the form field where the wizard renames it', () => {
    expect(
      describeFieldError(error, {
        specFields: { 'cluster.applicationNodeGroup.desiredSize': 'appNodes' },
      }),
    ).toBe(
      'appNodes (cluster.applicationNodeGroup.desiredSize): must be at most maxSize (20)',
    );
  });
});
