import { synthesizeEnvironment } from './synthesize';
import { tempOutdir, TEST_DOMAIN, testSpec } from './__testUtils__/synth';

describe('cdk-nag with the hosted zone in the management account', () => {
  beforeAll(() => {
    delete process.env.CDK_VALIDATION;
  });
  afterAll(() => {
    process.env.CDK_VALIDATION = 'false';
  });

  it.each(['us-east-1', 'eu-west-1'])(
    'leaves no finding unacknowledged in %s',
    async region => {
      const synthesis = await synthesizeEnvironment(
        testSpec(s => {
          s.region = region;
          s.domain = {
            ...TEST_DOMAIN,
            apiSubdomain: 'api',
            hostedZoneAccount: 'management',
          };
        }),
        { outdir: tempOutdir() },
      );
      expect(synthesis.nag.findings).toEqual([]);
      expect(synthesis.nag.passed).toBe(true);
      // Nothing of the delegation is waved through: the zones, the
      // delegation records and their provider pass the rules as they are.
      expect(
        synthesis.nag.acknowledgements.filter(ack =>
          /DomainZones|CrossAccountZoneDelegation/.test(ack.path),
        ),
      ).toEqual([]);
      const templates = JSON.stringify(synthesis.stacks.map(s => s.template));
      expect(templates).toContain('Custom::CrossAccountZoneDelegation');
    },
  );
});
