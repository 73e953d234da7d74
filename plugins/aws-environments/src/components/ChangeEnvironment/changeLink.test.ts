import { defaultEnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import { applySpecChanges, changeFormData, changeUrl } from './changeLink';

const spec = defaultEnvironmentSpec();

describe('the change wizard link', () => {
  it('applies dotted spec changes without touching the original', () => {
    const changed = applySpecChanges(spec, [
      { field: 'cluster.kubernetesVersion', value: '1.34' },
      { field: 'cluster.applicationNodeGroup.desiredSize', value: 4 },
    ]);
    expect(changed.cluster.kubernetesVersion).toBe('1.34');
    expect(changed.cluster.applicationNodeGroup.desiredSize).toBe(4);
    expect(changed.cluster.systemNodeGroup).toEqual(
      spec.cluster.systemNodeGroup,
    );
    expect(spec.cluster.kubernetesVersion).toBe('1.33');
  });

  it('prefills the wizard in update mode, the form keys mirroring the spec, the owner kept', () => {
    const context = { spec, source: 'aws' };
    // No owner: an update keeps the environment's.
    expect(changeFormData(context)).toEqual({
      ...spec,
      source: 'aws',
      mode: 'update',
    });
    const url = new URL(
      changeUrl('/create/templates/default/create-aws-environment', context, [
        { field: 'network.natGateways', value: 1 },
      ]),
      'http://portal.test',
    );
    expect(JSON.parse(url.searchParams.get('formData')!).network).toEqual({
      ...spec.network,
      natGateways: 1,
    });
  });
});
