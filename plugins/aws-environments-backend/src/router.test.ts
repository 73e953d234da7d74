import { validatorMessageToFieldErrors } from './router';

describe('validatorMessageToFieldErrors', () => {
  it('names the field of each OpenAPI validation error', () => {
    expect(
      validatorMessageToFieldErrors(
        'request/body/approval must be equal to one of the allowed values: auto, required, request/body must have required property \'spec\', request/params/name must NOT have more than 63 characters, request/query/limit must match pattern "^[1-9][0-9]{0,2}$"',
      ),
    ).toEqual([
      {
        field: 'approval',
        message: 'must be equal to one of the allowed values: auto, required',
      },
      { field: 'spec', message: 'is required' },
      { field: 'name', message: 'must NOT have more than 63 characters' },
      { field: 'limit', message: 'must match pattern "^[1-9][0-9]{0,2}$"' },
    ]);
  });

  it('finds nothing in other messages', () => {
    expect(
      validatorMessageToFieldErrors('Unexpected end of JSON input'),
    ).toEqual([]);
  });
});
