import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { mockServices } from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  createTemplateAction,
  scaffolderActionsExtensionPoint,
} from '@backstage/plugin-scaffolder-node';
import { createDeployAction } from '../../actions/deploy';
import { createVendorAction } from '../../actions/vendor';
import {
  FakeAwsEnvironmentsBackend,
  FakeCatalogLookup,
} from '../../testUtils/FakeAwsEnvironmentsBackend';
import { DryRunResult } from './scaffolder';

/**
 * The actions of the create-aws-environment template: the real vendor
 * action, the deploy action against a fake backend; estimate and synth as
 * stand-ins that do not support dry runs, so the dry run skips them (the
 * real ones are tested in src/actions).
 */
export const createAwsEnvironmentActions = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'aws-environments-under-test',
  register({ registerInit }) {
    registerInit({
      deps: { actions: scaffolderActionsExtensionPoint },
      async init({ actions }) {
        const standIn = (id: string, output: string) =>
          createTemplateAction({
            id,
            schema: { output: { [output]: z => z.string() } },
            async handler() {
              throw new Error(`The ${id} stand-in only takes part in dry runs`);
            },
          });
        actions.addActions(
          standIn('aws-environments:estimate', 'markdown'),
          standIn('aws-environments:synth', 'assemblyPath'),
          createVendorAction(),
          createDeployAction({
            backend: new FakeAwsEnvironmentsBackend(),
            catalog: new FakeCatalogLookup(),
            auth: mockServices.auth(),
            appBaseUrl: 'http://portal.test',
          }),
        );
      },
    });
  },
});

/** The template's parameters: a sandbox environment, created. */
export const CREATE_AWS_ENVIRONMENT_VALUES = {
  name: 'innovate-staging',
  accounts: { management: '111111111111', workloads: '333333333333' },
  region: 'us-east-1',
  budget: { monthlyUsd: 430, alertEmail: 'platform-alerts@innovate.example' },
  source: 'sandbox',
  approval: 'auto',
  mode: 'create',
  allowedDeviations: [],
  publish: false,
};

/** The rendered files of a dry run as bytes (tarballs are binary). */
export function renderedBytes(result: DryRunResult): Map<string, Buffer> {
  return new Map(
    (result.body.directoryContents ?? []).map(file => [
      file.path,
      Buffer.from(file.base64Content, 'base64'),
    ]),
  );
}

/** Writes a dry run's files, bytes as they are, below a new temporary folder. */
export function writeRepository(result: DryRunResult, prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [file, content] of renderedBytes(result)) {
    const target = path.join(dir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
  return dir;
}

/** The files of a gzipped tar (regular files only), by name. */
export function readTarball(data: Buffer): Map<string, Buffer> {
  const tar = zlib.gunzipSync(data);
  const files = new Map<string, Buffer>();
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every(byte => byte === 0)) {
      break;
    }
    const field = (start: number, length: number) =>
      header
        .subarray(start, start + length)
        .toString('utf8')
        .replace(/\0.*$/s, '');
    const name = [field(345, 155), field(0, 100)].filter(Boolean).join('/');
    const size = parseInt(field(124, 12).trim(), 8);
    const type = field(156, 1);
    offset += 512;
    if (type === '0' || type === '') {
      files.set(name, tar.subarray(offset, offset + size));
    }
    offset += Math.ceil(size / 512) * 512;
  }
  return files;
}
