#!/usr/bin/env node
// `npm test`: every check the project has, in one run, ending with one plain line "N passed, N failed".
// Jest tests count one each; typecheck, lint and the production build count one each. A run that executes no
// Jest test fails: an empty run must never look green.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const outDir = '.test-results';
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const jestJson = `${outDir}/jest.json`;

const steps = [
  { name: 'typecheck', cmd: 'npx', args: ['tsc', '--noEmit'] },
  { name: 'lint', cmd: 'npx', args: ['eslint', '--max-warnings=0', '.'] },
  {
    name: 'jest',
    cmd: 'npx',
    args: ['jest', '--ci', '--json', `--outputFile=${jestJson}`, '--maxWorkers=2', ...process.argv.slice(2)],
  },
  { name: 'build', cmd: 'npm', args: ['run', '--silent', 'build', '--', '--no-color'] },
];

let passed = 0;
let failed = 0;
const failures = [];
for (const step of steps) {
  console.log(`\n── ${step.name} ─────────────────────────────────────────`);
  const r = spawnSync(step.cmd, step.args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
  if (step.name === 'jest') {
    const counted = countJest(r.status);
    passed += counted.passed;
    failed += counted.failed;
    if (counted.failed > 0 || r.status !== 0) {
      failures.push(`jest (${counted.failed} failed)`);
    }
    continue;
  }
  if (r.status === 0) {
    passed += 1;
  } else {
    failed += 1;
    failures.push(step.name);
  }
}

function countJest(status) {
  if (!existsSync(jestJson)) {
    return { passed: 0, failed: 1 };
  }
  const j = JSON.parse(readFileSync(jestJson, 'utf8'));
  // A suite that fails to run (syntax error, missing module) has no test results: count it as one failure.
  const brokenSuites = j.testResults.filter((s) => s.status === 'failed' && s.assertionResults.length === 0).length;
  let f = j.numFailedTests + brokenSuites;
  if (j.numTotalTests === 0) {
    console.error('jest executed no test: that is a failure');
    f += 1;
  }
  if (status !== 0 && f === 0) {
    f = 1;
  }
  return { passed: j.numPassedTests, failed: f };
}

const line = `${passed} passed, ${failed} failed`;
writeFileSync(`${outDir}/summary.txt`, line + '\n');
if (failures.length) {
  console.error(`\nFailed: ${failures.join(', ')}`);
}
console.log(`\n${line}`);
process.exit(failed === 0 ? 0 : 1);
