import type { createTemplateAction } from '@backstage/plugin-scaffolder-node';

/** The zod the scaffolder hands an action's input schema. */
type Zod = Parameters<
  Extract<
    NonNullable<
      NonNullable<Parameters<typeof createTemplateAction>[0]['schema']>['input']
    >,
    (...args: any[]) => unknown
  >
>[0];

/** `timeoutMinutes`: how long an action follows its deployment. */
export function timeoutMinutesInput(description: string) {
  return (z: Zod) =>
    z.number().int().min(1).max(240).optional().describe(description);
}

/** `allowedDeviations`: ids of seed conformance claims allowed to fail. */
export function allowedDeviationsInput(description: string) {
  return (z: Zod) => z.array(z.string()).optional().describe(description);
}
