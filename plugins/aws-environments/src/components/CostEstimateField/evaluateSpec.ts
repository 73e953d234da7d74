import {
  estimateFromSpec,
  validateEnvironmentSpec,
  type CostEstimate,
  type FieldError,
} from '@innovate/plugin-aws-environments-common';
import type { CostEstimateFieldValue } from './costEstimateFieldSchema';
import { isObject, setPath } from './specFromFormData';

/**
 * A wizard's spec, checked and estimated. An invalid spec still has an
 * estimate when only fields that do not change the cost are wrong or not
 * filled yet (the wizard asks for the alert e-mail after the cluster).
 */
export type SpecEvaluation =
  | { valid: true; estimate: CostEstimate }
  | { valid: false; errors: FieldError[]; estimate?: CostEstimate };

/**
 * Spec fields the cost model does not read (it prices only what gets
 * built), with stand-ins that let the rest of a spec be estimated before
 * they are filled.
 */
const COST_NEUTRAL_STAND_INS: Record<string, unknown> = {
  name: 'estimate',
  'accounts.management': '111111111111',
  'accounts.workloads': '222222222222',
  'budget.alertEmail': 'estimate@example.com',
};

const isCostNeutral = (field: string) =>
  field === 'accounts' ||
  field === 'domain' ||
  field.startsWith('domain.') ||
  field in COST_NEUTRAL_STAND_INS;

function withStandIns(input: unknown, errors: FieldError[]): unknown {
  const spec = structuredClone(isObject(input) ? input : {});
  const wrong = new Set(errors.map(e => e.field));
  for (const [path, value] of Object.entries(COST_NEUTRAL_STAND_INS)) {
    const head = path.split('.')[0];
    if (wrong.has(path) || wrong.has(head)) {
      setPath(spec, path, value);
    }
  }
  if ([...wrong].some(f => f === 'domain' || f.startsWith('domain.'))) {
    delete spec.domain;
  }
  return spec;
}

/**
 * Validates a spec and estimates its monthly cost. Both run in the browser
 * in well under a millisecond, so this runs on every change of the form.
 */
export function evaluateSpec(input: unknown): SpecEvaluation {
  const validation = validateEnvironmentSpec(input);
  if (validation.ok) {
    return { valid: true, estimate: estimateFromSpec(validation.spec) };
  }
  const { errors } = validation;
  if (!errors.every(e => isCostNeutral(e.field))) {
    return { valid: false, errors };
  }
  const standIn = validateEnvironmentSpec(withStandIns(input, errors));
  return standIn.ok
    ? { valid: false, errors, estimate: estimateFromSpec(standIn.spec) }
    : { valid: false, errors };
}

/** The field's value for an evaluation. */
export function fieldValueOf(
  evaluation: SpecEvaluation,
): CostEstimateFieldValue {
  if (!evaluation.valid) {
    return { valid: false };
  }
  const { totalMonthlyUsd, budgetUsd, verdict } = evaluation.estimate;
  return { valid: true, totalMonthlyUsd, budgetUsd, verdict };
}

/** True when two field values say the same. */
export function sameFieldValue(
  a: CostEstimateFieldValue | undefined,
  b: CostEstimateFieldValue,
): boolean {
  return (
    a !== undefined &&
    a.valid === b.valid &&
    a.totalMonthlyUsd === b.totalMonthlyUsd &&
    a.budgetUsd === b.budgetUsd &&
    a.verdict === b.verdict
  );
}
