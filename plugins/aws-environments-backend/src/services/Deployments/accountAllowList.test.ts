import {
  defaultEnvironmentSpec,
  validateEnvironmentSpec,
} from '@innovate/plugin-aws-environments-common';
import { restrictAccounts } from './accountAllowList';

const spec = defaultEnvironmentSpec();
const allowed = [
  { management: '111111111111', workloads: '222222222222' },
  { management: '111111111111', workloads: '333333333333' },
];

describe('restrictAccounts', () => {
  it('lets every listed pair through, and every pair without a list', () => {
    const validate = restrictAccounts(validateEnvironmentSpec, allowed);
    expect(validate(spec)).toMatchObject({ ok: true });
    expect(
      validate({
        ...spec,
        accounts: { management: '111111111111', workloads: '333333333333' },
      }),
    ).toMatchObject({ ok: true });
    const other = {
      ...spec,
      accounts: { management: '999999999999', workloads: '888888888888' },
    };
    expect(
      restrictAccounts(validateEnvironmentSpec, undefined)(other),
    ).toMatchObject({ ok: true });
  });

  it('refuses a pair not listed, naming accounts and the way out', () => {
    const result = restrictAccounts(
      validateEnvironmentSpec,
      allowed,
    )({
      ...spec,
      // Both accounts are allowed, but not as this pair.
      accounts: { management: '222222222222', workloads: '111111111111' },
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          field: 'accounts',
          message: expect.stringContaining(
            'management 222222222222 with workloads 111111111111 is not an account pair this portal deploys to (allowed: management 111111111111 with workloads 222222222222; management 111111111111 with workloads 333333333333)',
          ),
        },
      ],
    });
  });

  it("leaves the spec's own errors as they are", () => {
    const result = restrictAccounts(
      validateEnvironmentSpec,
      allowed,
    )({
      ...spec,
      region: 'mars-north-1',
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map(e => e.field)).toEqual(['region']);
  });
});
