import { defaultEnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import {
  DISTRIBUTION_DOMAIN,
  domainEnvironment,
} from '../../../__testUtils__/domainEnvironment';
import { fixtureEnvironment } from '../../../__testUtils__/fixtureEnvironment';
import { SandboxDataSource } from './SandboxDataSource';

const source = new SandboxDataSource({
  now: () => new Date('2025-11-20T12:00:00Z'),
  estimate: () => {
    throw new Error('not used');
  },
});

describe('the sandbox domain view', () => {
  it('without a domain, answers that there is none and what one would add', async () => {
    const view = await source.getView(
      'domain',
      fixtureEnvironment(defaultEnvironmentSpec()),
    );
    expect(view).toEqual({
      configured: false,
      simulated: true,
      note: expect.stringMatching(
        /^No domain in the spec: .*Route 53 alias A and AAAA records.*ACM certificates.*TLS 1\.2 minimum/,
      ),
      names: [],
      records: [],
      certificates: [],
    });
  });

  it('in eu-west-1, simulates the two certificates (CloudFront in us-east-1, the ALB in the region), issued at the deployment for 395 days, and the four records', async () => {
    const view = await source.getView(
      'domain',
      domainEnvironment('euWest1WithApi', {
        updatedAt: '2025-10-01T08:30:00.000Z',
      }),
    );
    expect(view.configured).toBe(true);
    expect(view.simulated).toBe(true);
    expect(view.note).toMatch(/^Sandbox: simulated\./);
    expect(view.names).toEqual([
      { name: 'app.innovate.example', serves: 'spa' },
      { name: 'api.innovate.example', serves: 'api' },
    ]);
    expect(view.hostedZone).toEqual({
      id: 'Z0123456789ABCDEFGHIJ',
      name: 'innovate.example',
      accountRole: 'workloads',
      accountId: '222222222222',
    });
    expect(view.records).toEqual(
      ['app', 'api'].flatMap(label =>
        ['A', 'AAAA'].map(type => ({
          name: `${label}.innovate.example`,
          type,
          zoneId: 'Z0123456789ABCDEFGHIJ',
          target: DISTRIBUTION_DOMAIN,
          state: 'SIMULATED',
        })),
      ),
    );
    const names = ['app.innovate.example', 'api.innovate.example'];
    expect(view.certificates).toEqual([
      {
        logicalId: 'CloudFrontCertificate293A3864',
        stackName: 'innovate-test-edge-waf',
        region: 'us-east-1',
        purpose: 'cloudfront',
        arn: expect.stringMatching(
          /^arn:aws:acm:us-east-1:222222222222:certificate\/[0-9a-f-]{36}$/,
        ),
        domainNames: names,
        status: 'ISSUED',
        notBefore: '2025-10-01T08:30:00.000Z',
        notAfter: '2026-10-31T08:30:00.000Z',
        renewalEligibility: 'ELIGIBLE',
        inUseBy: [
          'arn:aws:cloudfront::222222222222:distribution/E2QWRUHAPOMQZL',
        ],
      },
      expect.objectContaining({
        logicalId: 'CertificateBDDE2430',
        stackName: 'innovate-test-edge',
        region: 'eu-west-1',
        purpose: 'alb',
        arn: expect.stringMatching(/^arn:aws:acm:eu-west-1:222222222222:/),
        status: 'ISSUED',
        notAfter: '2026-10-31T08:30:00.000Z',
        inUseBy: [
          expect.stringMatching(
            /^arn:aws:elasticloadbalancing:eu-west-1:222222222222:loadbalancer\/app\//,
          ),
        ],
      }),
    ]);
  });

  it('in us-east-1, has one certificate for CloudFront and the ALB, and one name serving the SPA and the API', async () => {
    const view = await source.getView('domain', domainEnvironment('usEast1'));
    expect(view.names).toEqual([
      { name: 'app.innovate.example', serves: 'spa-and-api' },
    ]);
    expect(view.records.map(r => `${r.name} ${r.type}`)).toEqual([
      'app.innovate.example A',
      'app.innovate.example AAAA',
    ]);
    expect(view.certificates).toHaveLength(1);
    expect(view.certificates[0]).toMatchObject({
      region: 'us-east-1',
      purpose: 'cloudfront-and-alb',
      domainNames: ['app.innovate.example'],
      inUseBy: [
        expect.stringMatching(/^arn:aws:cloudfront::/),
        expect.stringMatching(/^arn:aws:elasticloadbalancing:us-east-1:/),
      ],
    });
  });

  it('gives a record in a delegated zone of the stack a simulated zone id, and names the distribution when its name was not recorded', async () => {
    const environment = domainEnvironment('usEast1', { outputs: {} });
    const edge = environment.stacks.find(stack => stack.id === 'edge')!;
    const resources = edge.template.Resources as Record<string, any>;
    const delegated = {
      ...edge,
      template: {
        Resources: {
          ...resources,
          DnsSpaA5BA7997D: {
            ...resources.DnsSpaA5BA7997D,
            Properties: {
              ...resources.DnsSpaA5BA7997D.Properties,
              HostedZoneId: { Ref: 'DomainZonesSpaZone1234ABCD' },
            },
          },
        },
      },
    };
    const view = await source.getView('domain', {
      ...environment,
      stacks: [delegated],
    });
    expect(view.records[0]).toEqual({
      name: 'app.innovate.example',
      type: 'A',
      zoneId: expect.stringMatching(/^Z[0-9A-F]{20}$/),
      target: 'CloudFront distribution EdgeDistribution0060737B',
      state: 'SIMULATED',
    });
    expect(view.records[1].zoneId).toBe('Z0123456789ABCDEFGHIJ');
  });
});
