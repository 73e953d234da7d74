// The environment's CDK app: the bundled Innovate environment, pinned to
// environment.json (written by the portal's create-aws-environment template).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildEnvironmentApp } from '@innovate/environment-cdk';
import { parseEnvironmentSpec } from '@innovate/plugin-aws-environments-common';

const spec = parseEnvironmentSpec(
  JSON.parse(readFileSync(join(__dirname, '..', 'environment.json'), 'utf8')),
);
buildEnvironmentApp(spec).app.synth();
