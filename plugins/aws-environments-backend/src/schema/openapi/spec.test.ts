import { spec } from './generated/router';

describe('OpenAPI document', () => {
  it('is embedded unchanged in the generated router', () => {
    // The Backstage Jest config loads YAML files as JSON modules.
    const document = jest.requireActual<object>('../openapi.yaml');
    expect(spec).toEqual(document);
  });
});
