/**
 * Entry for the `cdk` CLI (`cdk synth --app "tsx scripts/cdk-app.ts"`): the
 * same app `synthesizeEnvironment` builds. The spec comes from the file in
 * ENVIRONMENT_SPEC (YAML or JSON) or is the seed environment. The CLI tells
 * the app where to write through CDK_OUTDIR, which `App` reads itself.
 */
import * as fs from 'node:fs';
import {
  parseEnvironmentSpec,
  SEED_ENVIRONMENT_INPUT,
} from '@innovate/plugin-aws-environments-common';
import { parse as parseYaml } from 'yaml';
import { buildEnvironmentApp } from '../src/app';

const file = process.env.ENVIRONMENT_SPEC;
const input = file
  ? parseYaml(fs.readFileSync(file, 'utf8'))
  : SEED_ENVIRONMENT_INPUT;
buildEnvironmentApp(parseEnvironmentSpec(input)).app.synth();
