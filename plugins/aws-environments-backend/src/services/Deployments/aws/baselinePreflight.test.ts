import {
  CloudFormationClient,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetTrailStatusCommand,
} from '@aws-sdk/client-cloudtrail';
import {
  GetDetectorCommand,
  GuardDutyClient,
  ListDetectorsCommand,
} from '@aws-sdk/client-guardduty';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import {
  ACCOUNT_BASELINE_STACK_NAME,
  defaultEnvironmentSpec,
} from '@innovate/plugin-aws-environments-common';
import { mockClient } from 'aws-sdk-client-mock';
import { awsError } from '../../../__testUtils__/awsMocks';
import { fixtureStacks } from '../../../__testUtils__/fakeSynthesizer';
import type { NewDeploymentEvent } from '../../EnvironmentRegistry/types';
import { checkAccountBaseline, lookupRoleArn } from './baselinePreflight';
import { preflight, PreflightError } from './preflight';

const ACCOUNT = '222222222222';
const REGION = 'eu-west-1';
const DETECTOR = '12abc34d567e8fa901bc2d34e56789f0';
const where = `${ACCOUNT}/${REGION}`;

describe('the account baseline preflight', () => {
  const sts = mockClient(STSClient);
  const guardDuty = mockClient(GuardDutyClient);
  const cloudTrail = mockClient(CloudTrailClient);
  const cloudFormation = mockClient(CloudFormationClient);
  const ssm = mockClient(SSMClient);
  const check = (baseline: 'managed' | 'existing') =>
    checkAccountBaseline({
      baseline,
      account: ACCOUNT,
      region: REGION,
      sts: new STSClient({ region: REGION }),
    });

  beforeEach(() => {
    for (const mock of [sts, guardDuty, cloudTrail, cloudFormation, ssm]) {
      mock.reset();
    }
    sts.on(AssumeRoleCommand).resolves({
      Credentials: {
        AccessKeyId: 'ASIAEXAMPLE',
        SecretAccessKey: 'secret',
        SessionToken: 'token',
        Expiration: new Date(),
      },
    });
    guardDuty.on(ListDetectorsCommand).resolves({ DetectorIds: [DETECTOR] });
    guardDuty.on(GetDetectorCommand).resolves({ Status: 'ENABLED' });
    cloudTrail.on(DescribeTrailsCommand).resolves({
      trailList: [
        {
          Name: 'org-trail',
          TrailARN: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/org-trail`,
          IsMultiRegionTrail: true,
          HomeRegion: 'us-east-1',
        },
        {
          Name: 'local',
          TrailARN: `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/local`,
          IsMultiRegionTrail: false,
        },
      ],
    });
    cloudTrail.on(GetTrailStatusCommand).resolves({ IsLogging: true });
    cloudFormation
      .on(DescribeStacksCommand)
      .rejects(
        awsError(
          'ValidationError',
          `Stack with id ${ACCOUNT_BASELINE_STACK_NAME} does not exist`,
        ),
      );
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: '28' } });
  });
  afterAll(() => {
    for (const mock of [sts, guardDuty, cloudTrail, cloudFormation, ssm]) {
      mock.restore();
    }
  });

  describe('existing', () => {
    it('accepts an enabled detector and a logging multi-region trail, read through the lookup role', async () => {
      await expect(check('existing')).resolves.toEqual({
        problems: [],
        notes: [
          `Account baseline: the existing GuardDuty detector ${DETECTOR} and trail org-trail of ${where}`,
        ],
      });
      expect(sts.commandCalls(AssumeRoleCommand)[0].args[0].input.RoleArn).toBe(
        lookupRoleArn(ACCOUNT, REGION),
      );
      expect(
        cloudTrail.commandCalls(DescribeTrailsCommand)[0].args[0].input,
      ).toEqual({ includeShadowTrails: true });
      // Only the multi-region trail's status is asked, by ARN (a shadow trail).
      expect(
        cloudTrail
          .commandCalls(GetTrailStatusCommand)
          .map(c => c.args[0].input.Name),
      ).toEqual([`arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/org-trail`]);
    });

    it('refuses an account without a detector, with a disabled one, or without a logging trail', async () => {
      guardDuty.on(ListDetectorsCommand).resolves({ DetectorIds: [] });
      cloudTrail.on(GetTrailStatusCommand).resolves({ IsLogging: false });
      const { problems } = await check('existing');
      expect(problems).toEqual([
        expect.stringContaining(`${where} has no GuardDuty detector`),
        expect.stringContaining('no logging multi-region CloudTrail trail'),
      ]);
      guardDuty.on(ListDetectorsCommand).resolves({ DetectorIds: [DETECTOR] });
      guardDuty.on(GetDetectorCommand).resolves({ Status: 'DISABLED' });
      expect((await check('existing')).problems[0]).toContain(
        `detector ${DETECTOR} of ${where} is DISABLED`,
      );
    });
  });

  describe('managed', () => {
    it('reuses the baseline stack another environment deployed', async () => {
      cloudFormation.on(DescribeStacksCommand).resolves({
        Stacks: [
          {
            StackName: ACCOUNT_BASELINE_STACK_NAME,
            StackStatus: 'UPDATE_COMPLETE',
            CreationTime: new Date(),
          },
        ],
      });
      await expect(check('managed')).resolves.toEqual({
        problems: [],
        notes: [
          `Account baseline: ${ACCOUNT_BASELINE_STACK_NAME} exists in ${where} (deployed with another environment); reused`,
        ],
      });
      expect(guardDuty.commandCalls(ListDetectorsCommand)).toHaveLength(0);
    });

    it('creates it where the account has no detector, and refuses where a foreign one exists', async () => {
      guardDuty.on(ListDetectorsCommand).resolves({ DetectorIds: [] });
      expect((await check('managed')).notes).toEqual([
        `Account baseline: ${ACCOUNT_BASELINE_STACK_NAME} will be created in ${where}`,
      ]);
      guardDuty.on(ListDetectorsCommand).resolves({ DetectorIds: [DETECTOR] });
      const { problems } = await check('managed');
      expect(problems).toEqual([
        expect.stringContaining(
          `already has the GuardDuty detector ${DETECTOR}`,
        ),
      ]);
      expect(problems[0]).toContain('set spec.baseline to "existing"');
    });
  });

  it('says so when the lookup role cannot be assumed', async () => {
    sts.on(AssumeRoleCommand).rejects(awsError('AccessDenied', 'not trusted'));
    const { problems } = await check('existing');
    expect(problems[0]).toContain(
      `cannot assume ${lookupRoleArn(ACCOUNT, REGION)}`,
    );
  });

  it('stops the deployment in the preflight, listing the baseline next to the bootstrap', async () => {
    guardDuty.on(ListDetectorsCommand).resolves({ DetectorIds: [] });
    const spec = defaultEnvironmentSpec();
    const events: NewDeploymentEvent[] = [];
    const run = preflight({
      stacks: fixtureStacks(spec),
      workloadsAccount: spec.accounts.workloads,
      baseline: { mode: 'existing', region: spec.region },
      sts: new STSClient({ region: spec.region }),
      events: { emit: async event => void events.push(event) },
    });
    await expect(run).rejects.toThrow(PreflightError);
    await expect(run).rejects.toThrow(/has no GuardDuty detector/);
    expect(events).toEqual([]);
  });
});
