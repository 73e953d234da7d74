import { createRequire } from 'node:module';
import { __Client } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';

/**
 * The AWS SDK modules as `@aws-cdk/toolkit-lib` loads them (resolved from
 * its own directory, so these are the very classes it sends; today they are
 * the hoisted copies, toolkit-lib bundles none).
 */
const toolkitRequire = createRequire(require.resolve('@aws-cdk/toolkit-lib'));
export const cloudFormationSdk: typeof import('@aws-sdk/client-cloudformation') =
  toolkitRequire('@aws-sdk/client-cloudformation');
export const stsSdk: typeof import('@aws-sdk/client-sts') = toolkitRequire(
  '@aws-sdk/client-sts',
);
export const ssmSdk: typeof import('@aws-sdk/client-ssm') = toolkitRequire(
  '@aws-sdk/client-ssm',
);
export const s3Sdk: typeof import('@aws-sdk/client-s3') =
  toolkitRequire('@aws-sdk/client-s3');
/**
 * RDS, which toolkit-lib does not call: for the portal's own clients (the
 * final snapshot of a deleted database), answered the same way.
 */
export const rdsSdk: typeof import('@aws-sdk/client-rds') = toolkitRequire(
  '@aws-sdk/client-rds',
);

/** One AWS call toolkit-lib made, as it reached the wire. */
export interface RecordedAwsCall {
  /** `Service.Operation`, e.g. `CloudFormation.CreateChangeSet`. */
  call: string;
  input: Record<string, unknown>;
  region: string;
  /** Whose credentials signed it (the access key id of the signature). */
  accessKeyId?: string;
}

const credentials = { accessKeyId: 'AKIDTABLE', secretAccessKey: 'table' };
const tableConfig = { region: 'us-east-1', credentials };

/** What the hook reads of a resolved SDK client configuration. */
interface ClientConfig {
  serviceId: string;
  region: () => Promise<string>;
}

/** What the hook reads of the arguments of the deserialize step. */
interface HandlerArgs {
  input: Record<string, unknown>;
  request: unknown;
}

/** The part of an SDK command the hook adds its middleware to. */
interface SentCommand {
  middlewareStack: {
    add(
      middleware: (
        next: unknown,
        context: { commandName: string },
      ) => (args: HandlerArgs) => Promise<unknown>,
      options: object,
    ): void;
  };
}

/** A stubbed client of aws-sdk-client-mock: answers a command. */
interface AnswerTable {
  send(command: object): Promise<object | undefined>;
}

function signedBy(request: unknown): string | undefined {
  const headers = (request as { headers?: Record<string, string> })?.headers;
  return /Credential=([^/]+)\//.exec(headers?.authorization ?? '')?.[1];
}

/**
 * Answers the AWS calls of `@aws-cdk/toolkit-lib` from `aws-sdk-client-mock`
 * stubs, one per service, while the SDK's own middleware still runs.
 *
 * `mockClient(CloudFormationClient)` alone would replace `send`, and with it
 * the retry strategy toolkit-lib configures (so a throttled call could not
 * be retried) and the credential chain (so the CDK bootstrap roles would
 * never be assumed). Instead every command gets one extra middleware at the
 * start of the deserialize step, after retries and signing: it hands the
 * command to the stub of its service and returns the stub's answer as the
 * response. Nothing reaches the network; a service or command without an
 * answer fails the call with a message naming it.
 */
export function mockToolkitAws() {
  const clients = {
    CloudFormation: new cloudFormationSdk.CloudFormationClient(tableConfig),
    STS: new stsSdk.STSClient(tableConfig),
    SSM: new ssmSdk.SSMClient(tableConfig),
    S3: new s3Sdk.S3Client(tableConfig),
    RDS: new rdsSdk.RDSClient(tableConfig),
  };
  const cloudFormation = mockClient(clients.CloudFormation);
  const sts = mockClient(clients.STS);
  const ssm = mockClient(clients.SSM);
  const s3 = mockClient(clients.S3);
  const rds = mockClient(clients.RDS);
  // The credential providers build their STS client from
  // @aws-sdk/nested-clients, so commands are matched by service and name.
  const services: Record<string, { sdk: object; client: AnswerTable }> = {
    CloudFormation: { sdk: cloudFormationSdk, client: clients.CloudFormation },
    STS: { sdk: stsSdk, client: clients.STS },
    SSM: { sdk: ssmSdk, client: clients.SSM },
    S3: { sdk: s3Sdk, client: clients.S3 },
    RDS: { sdk: rdsSdk, client: clients.RDS },
  };
  const calls: RecordedAwsCall[] = [];

  async function answer(
    config: ClientConfig,
    commandName: string,
    args: HandlerArgs,
  ) {
    const operation = commandName.replace(/Command$/, '');
    const call = `${config.serviceId}.${operation}`;
    const region = await config.region();
    // No await from here to the stub's send: its fakes may read
    // `answering()` synchronously.
    calls.push({
      call,
      input: args.input,
      region,
      accessKeyId: signedBy(args.request),
    });
    const service = services[config.serviceId];
    const Command = service?.sdk[commandName as keyof typeof service.sdk] as
      | (new (input: object) => object)
      | undefined;
    if (!service || !Command) {
      throw new Error(`Unexpected AWS call ${call}: no mock answers it`);
    }
    const output = await service.client.send(new Command(args.input));
    if (output === undefined) {
      throw new Error(
        `Unexpected AWS call ${call} ${JSON.stringify(args.input)}`,
      );
    }
    return {
      response: { statusCode: 200, headers: {} },
      output: { ...output, $metadata: { httpStatusCode: 200, attempts: 1 } },
    };
  }

  const send = __Client.prototype.send as (
    this: unknown,
    ...args: unknown[]
  ) => unknown;
  const hook = jest
    .spyOn(__Client.prototype, 'send')
    .mockImplementation(function sendAnswered(
      this: { config: unknown },
      ...args: unknown[]
    ) {
      const config = this.config as ClientConfig;
      (args[0] as SentCommand).middlewareStack.add(
        (_next, context) => (handlerArgs: HandlerArgs) =>
          answer(config, context.commandName, handlerArgs),
        {
          step: 'deserialize',
          priority: 'high',
          name: 'answeredByAwsMock',
          override: true,
        },
      );
      // `send` is generic over every command's output type.
      return send.apply(this, args) as never;
    });

  return {
    cloudFormation,
    sts,
    ssm,
    s3,
    rds,
    /** Every call in order, with its input, region and signer. */
    calls,
    /**
     * The call being answered; read it synchronously at the start of a
     * `callsFake` (e.g. to answer GetCallerIdentity for the signer).
     */
    answering: (): RecordedAwsCall => calls[calls.length - 1],
    /** The calls as `Service.Operation` strings, in order. */
    callNames: () => calls.map(c => c.call),
    restore() {
      hook.mockRestore();
      for (const stub of [cloudFormation, sts, ssm, s3, rds]) {
        stub.restore();
      }
    },
  };
}

export type ToolkitAwsMock = ReturnType<typeof mockToolkitAws>;

/** Base credentials of the portal (the workloads account's). */
export const BASE_ACCESS_KEY = 'AKIAIOSFODNN7BASE00';

const ROLE_KINDS: Record<string, string> = {
  deploy: 'DEPLOY',
  'file-publishing': 'FILES',
  'image-publishing': 'IMAGES',
  lookup: 'LOOKUP',
};

/**
 * The access key id STS hands out for a CDK bootstrap role:
 * `ASIA<account><KIND>`, so a call's signer tells which role made it.
 */
export function roleAccessKey(roleArn: string): string {
  const [, account, kind] =
    /^arn:aws:iam::(\d{12}):role\/cdk-hnb659fds-([a-z-]+)-role-/.exec(
      roleArn,
    ) ?? [];
  if (!account || !ROLE_KINDS[kind]) {
    throw new Error(`Not a CDK bootstrap role: ${roleArn}`);
  }
  return `ASIA${account}${ROLE_KINDS[kind]}`;
}

/** The account whose credentials signed a call. */
export function accountOfAccessKey(
  accessKeyId: string | undefined,
  baseAccount: string,
): string {
  return accessKeyId?.startsWith('ASIA')
    ? accessKeyId.slice(4, 16)
    : baseAccount;
}

/**
 * Answers STS, SSM and S3 as for accounts bootstrapped with `cdk bootstrap`
 * (qualifier hnb659fds): the bootstrap roles trust the base account, the
 * version parameter holds `bootstrapVersion`, the assets bucket is
 * KMS-encrypted and empty until toolkit-lib uploads to it.
 */
export function answerAsBootstrapped(
  aws: ToolkitAwsMock,
  options: { baseAccount: string; bootstrapVersion?: number },
) {
  /** The objects toolkit-lib uploaded, by `bucket/key`. */
  const uploaded = new Map<string, string>();
  aws.sts.on(stsSdk.GetCallerIdentityCommand).callsFake(() => {
    const key = aws.answering().accessKeyId;
    const account = accountOfAccessKey(key, options.baseAccount);
    return {
      UserId: key?.startsWith('ASIA')
        ? 'AROAEXAMPLEID:aws-cdk-portal'
        : 'AIDAEXAMPLEID',
      Account: account,
      Arn: key?.startsWith('ASIA')
        ? `arn:aws:sts::${account}:assumed-role/cdk-role/aws-cdk-portal`
        : `arn:aws:iam::${account}:user/innovate-portal`,
    };
  });
  aws.sts.on(stsSdk.AssumeRoleCommand).callsFake(input => {
    const roleArn = input.RoleArn as string;
    const account = roleArn.split(':')[4];
    return {
      Credentials: {
        AccessKeyId: roleAccessKey(roleArn),
        SecretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        SessionToken: 'FwoGZXIvYXdzEXAMPLE',
        Expiration: new Date(Date.now() + 3_600_000),
      },
      AssumedRoleUser: {
        AssumedRoleId: `AROAEXAMPLEID:${input.RoleSessionName}`,
        Arn: `arn:aws:sts::${account}:assumed-role/${roleArn.split('/')[1]}/${
          input.RoleSessionName
        }`,
      },
    };
  });
  aws.ssm.on(ssmSdk.GetParameterCommand).callsFake(input => {
    if (input.Name !== '/cdk-bootstrap/hnb659fds/version') {
      throw awsServiceError('ParameterNotFound', '');
    }
    return {
      Parameter: {
        Name: input.Name,
        Type: 'String',
        Value: String(options.bootstrapVersion ?? 30),
        Version: 1,
        DataType: 'text',
      },
    };
  });
  aws.s3.on(s3Sdk.GetBucketLocationCommand).resolves({});
  aws.s3.on(s3Sdk.GetBucketEncryptionCommand).resolves({
    ServerSideEncryptionConfiguration: {
      Rules: [
        {
          ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' },
          BucketKeyEnabled: false,
        },
      ],
    },
  });
  aws.s3.on(s3Sdk.ListObjectsV2Command).callsFake(input => {
    const key = `${input.Bucket}/${input.Prefix}`;
    return {
      Name: input.Bucket,
      Prefix: input.Prefix,
      MaxKeys: input.MaxKeys,
      IsTruncated: false,
      KeyCount: uploaded.has(key) ? 1 : 0,
      ...(uploaded.has(key)
        ? { Contents: [{ Key: input.Prefix, Size: 1 }] }
        : {}),
    };
  });
  aws.s3.on(s3Sdk.PutObjectCommand).callsFake(input => {
    uploaded.set(`${input.Bucket}/${input.Key}`, String(input.Body));
    return {
      ETag: '"6805f2cfc46c0f04559748bb039d69ae"',
      ServerSideEncryption: 'aws:kms',
    };
  });
  return { uploaded };
}

/** An AWS service error as the SDK throws it (HTTP 400, client fault). */
export function awsServiceError(name: string, message: string) {
  return Object.assign(new Error(message), {
    name,
    $fault: 'client' as const,
    $metadata: { httpStatusCode: 400 },
  });
}
