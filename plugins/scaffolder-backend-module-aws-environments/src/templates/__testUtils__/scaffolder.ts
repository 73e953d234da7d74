import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BackendFeature,
  createBackendModule,
  createBackendPlugin,
  coreServices,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import {
  createTemplateAction,
  scaffolderActionsExtensionPoint,
} from '@backstage/plugin-scaffolder-node';
import request from 'supertest';
import { parse as parseYaml } from 'yaml';
import { templateDir } from './paths';

/**
 * `publish:github` comes from @backstage/plugin-scaffolder-backend-module-github
 * in the real backend. The dry run skips it (it does not support dry runs)
 * and fills its outputs from its output schema, so this stand-in declares the
 * same input and output fields and refuses to run for real.
 */
const publishGithubStandIn = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'publish-github-stand-in',
  register({ registerInit }) {
    registerInit({
      deps: { actions: scaffolderActionsExtensionPoint },
      async init({ actions }) {
        actions.addActions(
          createTemplateAction({
            id: 'publish:github',
            description: 'Test stand-in of publish:github',
            schema: {
              input: {
                repoUrl: z => z.string(),
                description: z => z.string().optional(),
                repoVisibility: z =>
                  z.enum(['private', 'internal', 'public']).optional(),
                defaultBranch: z => z.string().optional(),
                deleteBranchOnMerge: z => z.boolean().optional(),
                gitCommitMessage: z => z.string().optional(),
              },
              output: {
                remoteUrl: z => z.string(),
                repoContentsUrl: z => z.string(),
                commitHash: z => z.string(),
              },
            },
            async handler() {
              throw new Error(
                'The publish:github stand-in only takes part in dry runs',
              );
            },
          }),
        );
      },
    });
  },
});

/**
 * A stand-in of the catalog that serves the given templates by name (and
 * 404s everything else), so that the scaffolder can create tasks from them.
 */
function templateCatalog(templates: Entity[]) {
  return createBackendPlugin({
    pluginId: 'catalog',
    register({ registerInit }) {
      registerInit({
        deps: { httpRouter: coreServices.httpRouter },
        async init({ httpRouter }) {
          httpRouter.use((req, res, next) => {
            const match =
              /^\/entities\/by-name\/template\/default\/([^/]+)$/.exec(
                req.path,
              );
            const template = templates.find(
              t => t.metadata.name === match?.[1],
            );
            if (req.method === 'GET' && template) {
              res.json(template);
              return;
            }
            if (
              req.method === 'GET' &&
              req.path.startsWith('/entities/by-name/')
            ) {
              res.status(404).json({
                error: { name: 'NotFoundError', message: 'not found' },
              });
              return;
            }
            next();
          });
        },
      });
    },
  });
}

export interface TemplateFiles {
  template: Entity;
  /** template.yaml and the skeleton, as the dry-run API takes them. */
  directoryContents: { path: string; base64Content: string }[];
}

/** Reads a template folder of the repository: template.yaml and skeleton/. */
export function readTemplate(name: string): TemplateFiles {
  const root = templateDir(name);
  const directoryContents: TemplateFiles['directoryContents'] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (entry.isFile()) {
        directoryContents.push({
          path: path.relative(root, full).split(path.sep).join('/'),
          base64Content: fs.readFileSync(full).toString('base64'),
        });
      }
    }
  };
  walk(root);
  const template = parseYaml(
    fs.readFileSync(path.join(root, 'template.yaml'), 'utf8'),
  ) as Entity;
  template.metadata.annotations = {
    ...template.metadata.annotations,
    'backstage.io/managed-by-location': `file:${path.join(
      root,
      'template.yaml',
    )}`,
  };
  return { template, directoryContents };
}

export interface DryRunResult {
  status: number;
  body: {
    errors?: { property: string; message: string; argument?: unknown }[];
    /** A step's InputError (a dry run rethrows it as the response). */
    error?: { name: string; message: string };
    directoryContents?: { path: string; base64Content: string }[];
    output?: Record<string, unknown>;
    log?: { body: { message: string; stepId?: string; status?: string } }[];
  };
  /** The rendered files by path (empty when the dry run was rejected). */
  files: Map<string, string>;
}

export interface ScaffolderUnderTest {
  dryRun(name: string, values: Record<string, unknown>): Promise<DryRunResult>;
  createTask(
    name: string,
    values: Record<string, unknown>,
  ): Promise<{ status: number; body: DryRunResult['body'] }>;
  listTasks(): Promise<unknown[]>;
  /** The scaffolder's working directory (dry runs render below it). */
  workingDirectory: string;
  stop(): Promise<void>;
}

/**
 * Starts a backend with the scaffolder, a stand-in catalog that serves the
 * repository's templates, and mock auth, permissions and database; plus
 * `features` (e.g. a module with the actions a template needs).
 */
export async function startScaffolder(
  templateNames: string[],
  features: BackendFeature[] = [],
): Promise<ScaffolderUnderTest> {
  const templates = new Map(templateNames.map(n => [n, readTemplate(n)]));
  const workingDirectory = fs.mkdtempSync(
    path.join(os.tmpdir(), 'scaffolder-templates-test-'),
  );
  const backend = await startTestBackend({
    features: [
      scaffolderPlugin,
      publishGithubStandIn,
      templateCatalog([...templates.values()].map(t => t.template)),
      ...features,
      mockServices.rootConfig.factory({
        data: { backend: { workingDirectory } },
      }),
    ],
  });
  const files = (name: string) => {
    const found = templates.get(name);
    if (!found) {
      throw new Error(`Template ${name} was not loaded`);
    }
    return found;
  };
  return {
    workingDirectory,
    async dryRun(name, values) {
      const { template, directoryContents } = files(name);
      const response = await request(backend.server)
        .post('/api/scaffolder/v2/dry-run')
        .send({ template, values, directoryContents });
      const body = response.body as DryRunResult['body'];
      return {
        status: response.status,
        body,
        files: new Map(
          (body.directoryContents ?? []).map(file => [
            file.path,
            Buffer.from(file.base64Content, 'base64').toString('utf8'),
          ]),
        ),
      };
    },
    async createTask(name, values) {
      const response = await request(backend.server)
        .post('/api/scaffolder/v2/tasks')
        .send({ templateRef: `template:default/${name}`, values });
      return { status: response.status, body: response.body };
    },
    async listTasks() {
      const response = await request(backend.server).get(
        '/api/scaffolder/v2/tasks',
      );
      return (response.body as { tasks: unknown[] }).tasks;
    },
    async stop() {
      await backend.stop();
      fs.rmSync(workingDirectory, { recursive: true, force: true });
    },
  };
}

/** Writes rendered files below a new temporary directory. */
export function writeFiles(files: Map<string, string>, prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [file, content] of files) {
    const target = path.join(dir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
  return dir;
}
