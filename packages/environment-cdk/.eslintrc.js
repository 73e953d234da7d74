module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  testRules: {
    // CDK's Template assertions and fast-check's properties assert too.
    'jest/expect-expect': [
      'warn',
      {
        assertFunctionNames: [
          'expect',
          '*.hasResource',
          '*.hasResourceProperties',
          '*.resourceCountIs',
          '*.resourcePropertiesCountIs',
          'fc.assert',
        ],
      },
    ],
  },
});
