// Start a portal backend for tests and wait until it is ready.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const sleep = ms => new Promise(r => setTimeout(r, ms));

/** `node --require <backstage-cli's TypeScript transform> src/index.ts`. */
function sourceBackendArgs(root) {
  const require = createRequire(
    join(
      root,
      'node_modules',
      '@backstage',
      'cli-module-build',
      'package.json',
    ),
  );
  return [
    '--require',
    require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
    'src/index.ts',
  ];
}

/**
 * Starts the backend on `port`, serving the built frontend from the same
 * origin, and resolves once `/.backstage/health/v1/readiness` answers 200.
 *
 * By default it runs the backend from source with the default config, the
 * way `backstage-cli package start` does but without its file watcher (a
 * restart in the middle of a test would lose the in-memory database); pass
 * `command`/`args`/`cwd` to run something else (e.g. the built backend with
 * the production config).
 */
export async function startPortal({
  root,
  port,
  logFile,
  command = process.execPath,
  args = sourceBackendArgs(root),
  cwd = join(root, 'packages', 'backend'),
  env = {},
  timeoutMs = 180_000,
}) {
  const url = `http://localhost:${port}`;
  mkdirSync(dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile);
  const child = spawn(command, args, {
    cwd,
    detached: true,
    env: {
      NODE_ENV: 'development',
      ...process.env,
      APP_CONFIG_backend_listen_port: String(port),
      APP_CONFIG_backend_baseUrl: url,
      APP_CONFIG_app_baseUrl: url,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  // A backend whose startup failed may keep running without ever becoming
  // ready; its log says so.
  let startupError;
  const watchForStartupErrors = chunk => {
    const text = chunk.toString();
    const match =
      /(Backend startup failed[^\n]*|Unhandled rejection[^\n]*)/.exec(text);
    if (match && !startupError) startupError = match[1].slice(0, 500);
  };
  child.stdout.on('data', watchForStartupErrors);
  child.stderr.on('data', watchForStartupErrors);
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });

  const stop = async () => {
    if (exited) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    for (let i = 0; i < 50 && !exited; i++) await sleep(200);
    if (!exited) process.kill(-child.pid, 'SIGKILL');
  };

  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (exited) {
      throw new Error(`the backend exited before it was ready; see ${logFile}`);
    }
    if (startupError) {
      await stop();
      throw new Error(
        `the backend failed to start: ${startupError} (see ${logFile})`,
      );
    }
    try {
      const res = await fetch(`${url}/.backstage/health/v1/readiness`);
      if (res.ok) {
        const readyAfterMs = Date.now() - started;
        console.log(
          `[portal] backend ready on ${url} after ${(
            readyAfterMs / 1000
          ).toFixed(1)} s`,
        );
        return { url, stop, logFile, readyAfterMs };
      }
    } catch {
      // not listening yet
    }
    await sleep(1000);
  }
  await stop();
  throw new Error(
    `the backend was not ready after ${timeoutMs / 1000} s; see ${logFile}`,
  );
}
