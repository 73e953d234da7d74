#!/usr/bin/env node
// Fails the pull request check on what the portal would refuse: an invalid
// spec, an unacknowledged cdk-nag finding, or a failed seed conformance claim
// that conformance.json does not allow (the deviations allowed when the
// environment was created). Reads `innovate-env check --json` output.
//
//   node scripts/check-gate.js check.json conformance.json
const fs = require('node:fs');

function gate(check, allowed) {
  if (check.errors) {
    return check.errors.map(e => `invalid spec: ${e.field}: ${e.message}`);
  }
  const problems = [];
  for (const finding of check.nag.findings) {
    problems.push(`cdk-nag ${finding.ruleId} at ${finding.path}: ${finding.description}`);
  }
  for (const claim of check.conformance.claims) {
    if (!claim.passed && !claim.notApplicable && !allowed.includes(claim.id)) {
      problems.push(`seed claim ${claim.id} (${claim.title}) failed: ${claim.evidence}`);
    }
  }
  return problems;
}

if (require.main === module) {
  const [checkFile, conformanceFile] = process.argv.slice(2);
  const check = JSON.parse(fs.readFileSync(checkFile, 'utf8'));
  const { allowedDeviations = [] } = JSON.parse(
    fs.readFileSync(conformanceFile, 'utf8'),
  );
  const problems = gate(check, allowedDeviations);
  for (const problem of problems) process.stderr.write(`${problem}\n`);
  process.stdout.write(
    problems.length === 0
      ? `Checks passed (allowed deviations: ${allowedDeviations.join(', ') || 'none'})\n`
      : `${problems.length} problem(s)\n`,
  );
  process.exitCode = problems.length === 0 ? 0 : 1;
}

module.exports = { gate };
