import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { EnvironmentSpec } from '@innovate/plugin-aws-environments-common';
import { synthesizeEnvironment } from '../synthesize';
import { dnsDelegationCommands, dnsDelegationRole } from './dnsDelegation';
import {
  BootstrapAccount,
  bootstrapCommands,
  executionPolicy,
  PRINCIPAL_PLACEHOLDER,
} from './policies';

/** Options of `yarn env bootstrap-policy`. */
export interface BootstrapPolicyOptions {
  account: BootstrapAccount;
  /** Where to write the policy document; the commands name this file. */
  out?: string;
  principal?: string;
  json: boolean;
}

/**
 * `yarn env bootstrap-policy`: synthesizes the spec, writes the execution
 * policy of the account's CloudFormation role and the commands that create
 * it and bootstrap the account's regions. Returns the exit code; throws
 * (exit 1) for a resource type the action table does not know.
 */
export async function runBootstrapPolicy(
  spec: EnvironmentSpec,
  options: BootstrapPolicyOptions,
  io: { stdout: { write(text: string): unknown } },
): Promise<number> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'innovate-bootstrap-'));
  try {
    const synthesis = await synthesizeEnvironment(spec, { outdir });
    const policy = executionPolicy(
      synthesis.stacks,
      options.account,
      spec.name,
    );
    const document = `${JSON.stringify(policy.document, null, 2)}\n`;
    const policyFile = options.out
      ? path.resolve(options.out)
      : `${policy.policyName}.json`;
    if (options.out) {
      fs.writeFileSync(policyFile, document);
    }
    const commands = bootstrapCommands(policy, policyFile, options.principal);
    // A hosted zone in the management account: the role the environment
    // delegates its names through, with its documents beside the policy.
    const delegation =
      options.account === 'management' ? dnsDelegationRole(spec) : undefined;
    if (delegation) {
      const dir = path.dirname(policyFile);
      const trustFile = path.join(dir, `${delegation.roleName}-trust.json`);
      const delegationPolicyFile = path.join(
        dir,
        `${delegation.roleName}-policy.json`,
      );
      if (options.out) {
        fs.writeFileSync(trustFile, jsonText(delegation.trustPolicy));
        fs.writeFileSync(delegationPolicyFile, jsonText(delegation.policy));
      }
      commands.push(
        ...dnsDelegationCommands(delegation, trustFile, delegationPolicyFile),
      );
    }
    if (options.json) {
      const { document: policyDocument, ...about } = policy;
      io.stdout.write(
        jsonText({
          ...about,
          policyFile,
          policy: policyDocument,
          ...(delegation ? { dnsDelegation: delegation } : {}),
          commands,
        }),
      );
      return 0;
    }
    const out = [
      document.trimEnd(),
      '',
      `Execution policy of the ${options.account} account (${
        policy.accountId
      }): ${
        policy.resourceTypes.length
      } resource types of ${policy.stackNames.join(', ')}.`,
      options.out
        ? `Written to ${policyFile}. Then run:`
        : `Save the policy above as ${policyFile}, then run:`,
      ...commands.map(command => `  ${command}`),
    ];
    if (delegation && !options.out) {
      out.push(
        `The hosted zone is in this account: save the trust policy of ${delegation.roleName} as ${delegation.roleName}-trust.json and its policy as ${delegation.policyName}.json (run with --out to have them written):`,
        jsonText(delegation.trustPolicy).trimEnd(),
        jsonText(delegation.policy).trimEnd(),
      );
    }
    if (!options.principal) {
      out.push(
        `Replace ${PRINCIPAL_PLACEHOLDER} with the ARN of the role the portal deploys with (--principal ARN).`,
      );
    }
    io.stdout.write(`${out.join('\n')}\n`);
    return 0;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
