import * as fs from 'node:fs';
import * as path from 'node:path';
import { Validations } from 'aws-cdk-lib';
import type {
  NagAcknowledgement,
  NagFinding,
  NagReport,
} from '@innovate/plugin-aws-environments-common';
import type { IConstruct } from 'constructs';

/**
 * Name of the cdk-nag pack the app registers.
 *
 * @public
 */
export const NAG_PACK = 'AwsSolutions';

/** The file aws-cdk-lib writes the validation plugins' findings to. */
export const VALIDATION_REPORT_FILE = 'validation-report.json';

interface ValidationReportJson {
  pluginReports?: Array<{
    pluginName: string;
    conclusion?: string;
    violations?: Array<{
      ruleName: string;
      description: string;
      severity?: string;
      violatingConstructs?: Array<{ constructPath: string }>;
    }>;
  }>;
}

/**
 * Every acknowledgement recorded in the construct tree with
 * `Validations.of(scope).acknowledge()`, in tree order.
 *
 * @public
 */
export function collectAcknowledgements(
  root: IConstruct,
): NagAcknowledgement[] {
  const acknowledgements: NagAcknowledgement[] = [];
  for (const construct of root.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (
        entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY &&
        entry.data
      ) {
        for (const [qualifiedId, reason] of Object.entries(
          entry.data as Record<string, string>,
        )) {
          acknowledgements.push({
            ruleId: qualifiedId.replace(/^annotation::/i, ''),
            path: construct.node.path,
            reason,
          });
        }
      }
    }
  }
  return acknowledgements;
}

/**
 * Reads the validation report of a synthesized assembly: the findings of
 * every validation plugin (cdk-nag's pack, construct annotations, the
 * CloudFormation schema validation) that nobody acknowledged.
 *
 * @public
 */
export function readValidationFindings(assemblyDir: string): NagFinding[] {
  const file = path.join(assemblyDir, VALIDATION_REPORT_FILE);
  if (!fs.existsSync(file)) {
    return [];
  }
  const report = JSON.parse(
    fs.readFileSync(file, 'utf8'),
  ) as ValidationReportJson;
  return (report.pluginReports ?? []).flatMap(plugin =>
    (plugin.violations ?? []).flatMap(violation =>
      (violation.violatingConstructs ?? [{ constructPath: '' }]).map(
        construct => ({
          plugin: plugin.pluginName,
          ruleId: violation.ruleName,
          severity:
            violation.severity === 'error' || violation.severity === 'fatal'
              ? ('error' as const)
              : ('warning' as const),
          description: violation.description,
          path: construct.constructPath,
        }),
      ),
    ),
  );
}

/**
 * The NagReport of a synthesized app: unacknowledged findings from the
 * assembly's validation report, acknowledgements from the construct tree.
 */
export function nagReport(root: IConstruct, assemblyDir: string): NagReport {
  const findings = readValidationFindings(assemblyDir);
  return {
    pack: NAG_PACK,
    passed: findings.length === 0,
    findings,
    acknowledgements: collectAcknowledgements(root),
  };
}
