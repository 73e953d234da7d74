// The environment's CDK app: the vendored Innovate environment
// (vendor/innovate-environment-cdk-*.tgz, the portal's own build), pinned to
// environment.json (written by the portal's create-aws-environment template).
// `cdk synth` tells it where to write through CDK_OUTDIR. ENVIRONMENT_SPEC
// names another spec file (the pull request check synthesizes main's spec
// with it, to compare).
const { readFileSync } = require('node:fs');
const { join, resolve } = require('node:path');
const { buildEnvironmentApp } = require('@innovate/environment-cdk');
const {
  parseEnvironmentSpec,
} = require('@innovate/plugin-aws-environments-common');

const specFile = process.env.ENVIRONMENT_SPEC
  ? resolve(process.env.ENVIRONMENT_SPEC)
  : join(__dirname, '..', 'environment.json');
const spec = parseEnvironmentSpec(JSON.parse(readFileSync(specFile, 'utf8')));
buildEnvironmentApp(spec).app.synth();
