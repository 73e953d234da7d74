import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

/**
 * The interpreter of Debian's packages (flake8, black, mypy, bandit, pytest,
 * Flask, psycopg, boto3 are installed for it by apt). Set INNOVATE_PYTHON
 * to use another interpreter that has them.
 */
export const PYTHON = process.env.INNOVATE_PYTHON ?? '/usr/bin/python3';

/** Python modules the generated service's checks import, by Debian package. */
const REQUIRED_MODULES: Record<string, string> = {
  flake8: 'flake8',
  black: 'black',
  mypy: 'mypy',
  bandit: 'bandit',
  pytest: 'python3-pytest',
  flask: 'python3-flask',
  psycopg: 'python3-psycopg',
  boto3: 'python3-boto3',
};

/**
 * The Debian packages whose modules `PYTHON` cannot import; empty when all
 * checks can run.
 */
export function missingPythonPackages(): string[] {
  const modules = Object.keys(REQUIRED_MODULES);
  const result = spawnSync(
    PYTHON,
    [
      '-c',
      'import importlib.util, sys\n' +
        'print(" ".join(m for m in sys.argv[1:] if importlib.util.find_spec(m) is None))',
      ...modules,
    ],
    { encoding: 'utf8' },
  );
  if (result.error || result.status !== 0) {
    return ['python3', ...Object.values(REQUIRED_MODULES)];
  }
  return result.stdout
    .trim()
    .split(' ')
    .filter(Boolean)
    .map(module => REQUIRED_MODULES[module]);
}

export interface CheckResult {
  command: string;
  status: number | null;
  output: string;
}

/** Runs `PYTHON -m <module> <args>` in `cwd`, without writing bytecode. */
export function runPythonModule(
  cwd: string,
  module: string,
  args: string[],
): CheckResult {
  const result = spawnSync(PYTHON, ['-m', module, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 180_000,
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
  });
  return {
    command: `python3 -m ${module} ${args.join(' ')}`,
    status: result.status,
    output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ?? ''}`,
  };
}

/**
 * mypy's cache outlives the temporary checkout, so repeated runs do not
 * analyse Flask and its dependencies again; mypy checks the cache's
 * freshness itself.
 */
export const MYPY_CACHE_DIR = path.join(
  os.tmpdir(),
  'innovate-flask-api-template-mypy-cache',
);
