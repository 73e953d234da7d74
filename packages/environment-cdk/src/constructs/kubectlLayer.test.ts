import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { EKS_KUBERNETES_VERSIONS } from '@innovate/plugin-aws-environments-common';
import { kubectlLayerFor, kubectlMinorFor } from './kubectlLayer';

describe('the kubectl layer of the cluster provider', () => {
  it.each([
    ['1.29', 32],
    ['1.31', 32],
    ['1.32', 32],
    ['1.33', 33],
    ['1.34', 34],
    ['1.35', 35],
  ])('gives Kubernetes %s kubectl 1.%d', (version, minor) => {
    expect(kubectlMinorFor(version)).toBe(minor);
  });

  it('keeps every version the spec allows from 1.31 on within the kubectl skew policy (one minor either side)', () => {
    const supported = EKS_KUBERNETES_VERSIONS.map(({ version }) =>
      Number(version.split('.')[1]),
    ).filter(minor => minor >= 31);
    expect(supported.length).toBeGreaterThan(3);
    const skews = supported.map(minor =>
      Math.abs(kubectlMinorFor(`1.${minor}`) - minor),
    );
    expect(Math.max(...skews)).toBeLessThanOrEqual(1);
  });

  it('refuses a version that is not 1.<minor>, naming the field', () => {
    expect(() => kubectlMinorFor('latest')).toThrow(
      'cluster.kubernetesVersion must be a version such as "1.33"; got "latest"',
    );
  });

  it("synthesizes the chosen version's layer", () => {
    const stack = new Stack(new App(), 'Layers');
    kubectlLayerFor(stack, 'V35', '1.35');
    const [layer] = Object.values(
      Template.fromStack(stack).findResources('AWS::Lambda::LayerVersion'),
    );
    expect(layer.Properties.Description).toMatch(/kubectl.*1\.35|v1\.35/i);
  });
});
