import { configure } from '@testing-library/react';
import '@testing-library/jest-dom';

// CI machines are shared and slow at times (and the unit step runs CDK
// syntheses beside these tests): give findBy*/waitFor queries more than the
// default second before they fail, and a test more than Jest's default 5 s,
// or a query could never use its 10 s.
configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(30_000);
