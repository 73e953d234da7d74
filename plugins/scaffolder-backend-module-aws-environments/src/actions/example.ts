import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** The spec of the examples: the seed's, with staging's name and account. */
export const EXAMPLE_SPEC = {
  name: 'innovate-staging',
  accounts: { management: '111111111111', workloads: '333333333333' },
  budget: { alertEmail: 'platform-alerts@innovate.example' },
};

/**
 * The examples of one action: each a template with one step of it, the
 * step's id being the action's short name (`aws-environments:deploy` →
 * `deploy`).
 */
export function actionExamples(
  action: string,
  examples: Array<{
    description: string;
    name: string;
    input: Record<string, unknown>;
  }>,
): TemplateExample[] {
  const id = action.slice(action.indexOf(':') + 1);
  return examples.map(({ description, name, input }) => ({
    description,
    example: yaml.stringify({ steps: [{ id, action, name, input }] }),
  }));
}
