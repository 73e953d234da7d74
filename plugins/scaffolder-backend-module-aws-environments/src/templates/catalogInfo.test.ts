import fs from 'node:fs';
import path from 'node:path';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import request from 'supertest';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { validateEntity } from './__testUtils__/entityValidation';
import { REPO_ROOT, templateDir } from './__testUtils__/paths';

const CATALOG_FILE = path.join(REPO_ROOT, 'catalog-info.yaml');
const KINDS = [
  'Domain',
  'System',
  'Group',
  'User',
  'Resource',
  'Component',
  'API',
];

function readEntities(): Entity[] {
  return parseAllDocuments(fs.readFileSync(CATALOG_FILE, 'utf8')).map(doc => {
    expect(doc.errors).toEqual([]);
    return doc.toJS() as Entity;
  });
}

/** Every entity ref in an entity's spec, with the kind its field implies. */
function referencedRefs(entity: Entity): string[] {
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const refs: string[] = [];
  const add = (value: unknown, defaultKind: string) => {
    for (const ref of [value ?? []].flat() as string[]) {
      refs.push(stringifyEntityRef(parseEntityRef(ref, { defaultKind })));
    }
  };
  add(spec.owner, 'group');
  add(spec.system, 'system');
  add(spec.domain, 'domain');
  add(spec.parent, 'group');
  add(spec.children, 'group');
  add(spec.memberOf, 'group');
  add(spec.providesApis, 'api');
  add(spec.consumesApis, 'api');
  add(spec.dependsOn, 'component');
  return refs;
}

describe('catalog-info.yaml', () => {
  const entities = readEntities();
  const refs = new Set(entities.map(e => stringifyEntityRef(e)));

  it('models the platform with the names others rely on', () => {
    expect([...refs].sort()).toEqual(
      [
        'domain:default/innovate',
        'system:default/innovate-platform',
        'group:default/innovate',
        'group:default/platform-team',
        'group:default/platform-admins',
        'group:default/application-team',
        'resource:default/aws-account-management',
        'resource:default/aws-account-workloads',
        'component:default/innovate-web',
        'component:default/innovate-api',
        'api:default/innovate-api',
        'component:default/innovate-portal',
        ...entities
          .filter(e => e.kind === 'User')
          .map(e => stringifyEntityRef(e)),
      ].sort(),
    );
    for (const team of ['platform-team', 'application-team']) {
      const members = entities.filter(
        e =>
          e.kind === 'User' &&
          (e.spec?.memberOf as string[]).includes(`group:default/${team}`),
      );
      expect({ team, twoOrMoreMembers: members.length >= 2 }).toEqual({
        team,
        twoOrMoreMembers: true,
      });
    }
  });

  it('has entities that pass the catalog validators', async () => {
    for (const entity of entities) {
      await expect(validateEntity(entity)).resolves.toBeDefined();
    }
  });

  it('refers only to entities it defines', () => {
    for (const entity of entities) {
      for (const ref of referencedRefs(entity)) {
        expect({
          from: stringifyEntityRef(entity),
          to: ref,
          defined: refs.has(ref),
        }).toEqual({
          from: stringifyEntityRef(entity),
          to: ref,
          defined: true,
        });
      }
    }
  });

  it('describes the API the flask-api template generates', () => {
    const api = entities.find(e => e.kind === 'API')!;
    const definition = parseYaml(api.spec?.definition as string);
    const generated = parseYaml(
      fs.readFileSync(
        path.join(templateDir('flask-api'), 'skeleton/openapi.yaml.njk'),
        'utf8',
      ),
    );
    expect(definition.openapi).toBe('3.0.3');
    expect(definition.paths).toEqual(generated.paths);
    expect(definition.components).toEqual(generated.components);
  });

  it('loads into the catalog from a file location, with its relations', async () => {
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [{ allow: [...KINDS, 'Location'] }],
              locations: [{ type: 'file', target: CATALOG_FILE }],
            },
          },
        }),
      ],
    });
    try {
      const get = async (ref: string) => {
        const { kind, namespace, name } = parseEntityRef(ref);
        const response = await request(backend.server).get(
          `/api/catalog/entities/by-name/${kind}/${namespace}/${name}`,
        );
        return response.status === 200 ? (response.body as Entity) : undefined;
      };
      const deadline = Date.now() + 30_000;
      let loaded: (Entity | undefined)[] = [];
      while (Date.now() < deadline) {
        loaded = await Promise.all([...refs].map(get));
        if (loaded.every(e => e?.relations?.length)) {
          break;
        }
        await new Promise(resolve => setTimeout(resolve, 250));
      }
      expect([...refs].filter((_, i) => !loaded[i]?.relations?.length)).toEqual(
        [],
      );
      const byRef = new Map(loaded.map(e => [stringifyEntityRef(e!), e!]));
      const relations = (ref: string) =>
        byRef.get(ref)!.relations!.map(r => `${r.type} ${r.targetRef}`);
      expect(relations('component:default/innovate-web')).toEqual(
        expect.arrayContaining([
          'consumesApi api:default/innovate-api',
          'dependsOn resource:default/aws-account-workloads',
          'partOf system:default/innovate-platform',
        ]),
      );
      expect(relations('component:default/innovate-api')).toEqual(
        expect.arrayContaining([
          'providesApi api:default/innovate-api',
          'dependsOn resource:default/aws-account-workloads',
          'dependsOn resource:default/aws-account-management',
        ]),
      );
      expect(relations('api:default/innovate-api')).toEqual(
        expect.arrayContaining([
          'apiProvidedBy component:default/innovate-api',
          'apiConsumedBy component:default/innovate-web',
        ]),
      );
      expect(relations('group:default/platform-team')).toEqual(
        expect.arrayContaining([
          'childOf group:default/innovate',
          'hasMember user:default/maria.garcia',
          'ownerOf system:default/innovate-platform',
          'ownerOf component:default/innovate-portal',
        ]),
      );
      expect(relations('system:default/innovate-platform')).toEqual(
        expect.arrayContaining(['partOf domain:default/innovate']),
      );
    } finally {
      await backend.stop();
    }
  }, 60_000);
});
