#!/usr/bin/env node
// The pull request comment of the environment checks workflow: what the
// change does to the CloudFormation templates (main's spec and this branch's,
// both synthesized by the vendored CDK app) and to the monthly cost estimate.
//
//   node scripts/pr-report.js --base-assembly DIR --head-assembly DIR \
//     --base-estimate FILE --head-estimate FILE [--cdk-diff FILE]
//
// An assembly or estimate of main may be missing (a first pull request): the
// report then says so. --cdk-diff adds `cdk diff` against the deployed stacks
// (only when the workflow had read-only AWS access). Markdown on stdout.
const fs = require('node:fs');
const path = require('node:path');

const MARKER = '<!-- environment-checks -->';

function parse(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || argv[i + 1] === undefined) {
      throw new Error(`Usage: pr-report.js --name value ... (at "${argv[i]}")`);
    }
    args[argv[i].slice(2)] = argv[i + 1];
  }
  for (const required of ['head-assembly', 'head-estimate']) {
    if (!args[required]) throw new Error(`--${required} is required`);
  }
  return args;
}

function readJson(file) {
  if (!file || !fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** The stacks' templates of a cloud assembly, by stack (file) name. */
function templates(dir) {
  const out = new Map();
  if (!dir || !fs.existsSync(dir)) return undefined;
  for (const file of fs.readdirSync(dir).sort()) {
    if (file.endsWith('.template.json')) {
      out.set(
        file.slice(0, -'.template.json'.length),
        readJson(path.join(dir, file)),
      );
    }
  }
  return out;
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** Resources added, removed and modified in one stack, as table rows. */
function resourceRows(stack, before = {}, after = {}) {
  const rows = [];
  const b = before.Resources ?? {};
  const a = after.Resources ?? {};
  for (const id of [...new Set([...Object.keys(b), ...Object.keys(a)])].sort()) {
    if (!(id in b)) rows.push(['added', stack, id, a[id].Type]);
    else if (!(id in a)) rows.push(['removed', stack, id, b[id].Type]);
    else if (!same(a[id], b[id])) rows.push(['modified', stack, id, a[id].Type]);
  }
  return rows;
}

function templateSection(base, head) {
  const out = ['### Templates (synthesized; not compared with AWS)'];
  if (!base) {
    out.push('', 'main has no environment.json to compare with: every resource is new.');
    return out;
  }
  const rows = [];
  for (const stack of [...new Set([...base.keys(), ...head.keys()])].sort()) {
    rows.push(...resourceRows(stack, base.get(stack), head.get(stack)));
  }
  if (rows.length === 0) {
    out.push('', 'No change to any template.');
    return out;
  }
  out.push('', '| Change | Stack | Logical id | Type |', '| --- | --- | --- | --- |');
  for (const row of rows) out.push(`| ${row.join(' | ')} |`);
  return out;
}

const usd = value => `$${value.toFixed(2)}`;
const signed = value => `${value < 0 ? '-' : '+'}${usd(Math.abs(value))}`;

function costSection(base, head) {
  const out = ['### Monthly cost estimate'];
  const h = head.estimate;
  if (!base) {
    out.push('', `${usd(h.totalMonthlyUsd)} a month against a budget of ${usd(h.budgetUsd)} (${h.verdict}).`);
    return out;
  }
  const b = base.estimate;
  out.push(
    '',
    `${usd(b.totalMonthlyUsd)} → ${usd(h.totalMonthlyUsd)} a month (${signed(
      h.totalMonthlyUsd - b.totalMonthlyUsd,
    )}); budget ${usd(h.budgetUsd)}: ${h.verdict}.`,
  );
  const before = new Map(b.lines.map(line => [line.id, line]));
  const after = new Map(h.lines.map(line => [line.id, line]));
  const rows = [];
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const was = before.get(id)?.monthlyUsd ?? 0;
    const is = after.get(id)?.monthlyUsd ?? 0;
    if (Math.abs(is - was) >= 0.005) {
      const label = (after.get(id) ?? before.get(id)).label;
      rows.push(`| ${label} | ${usd(was)} | ${usd(is)} | ${signed(is - was)} |`);
    }
  }
  if (rows.length > 0) {
    out.push('', '| Line | main | this branch | Change |', '| --- | ---: | ---: | ---: |', ...rows);
  }
  return out;
}

function main() {
  const args = parse(process.argv.slice(2));
  const out = [
    MARKER,
    '## Environment checks',
    '',
    'Synthesized with the vendored CDK app; the seed conformance and cdk-nag checks passed (otherwise this job failed before this comment).',
    'Nothing is deployed from here: after the merge the portal proposes the change and a person applies it.',
    '',
    ...templateSection(templates(args['base-assembly']), templates(args['head-assembly'])),
    '',
    ...costSection(readJson(args['base-estimate']), readJson(args['head-estimate'])),
  ];
  if (args['cdk-diff'] && fs.existsSync(args['cdk-diff'])) {
    out.push(
      '',
      '### cdk diff against the deployed stacks (read-only role)',
      '',
      '```',
      fs.readFileSync(args['cdk-diff'], 'utf8').slice(0, 50000),
      '```',
    );
  } else {
    out.push('', '_No AWS access (AWS_DIFF_ROLE_ARN is not set): the diff above compares the templates of main and this branch, not what is deployed._');
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

if (require.main === module) main();

module.exports = { resourceRows, costSection, templateSection, MARKER };
