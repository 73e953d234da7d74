import { configure } from '@testing-library/react';
import '@testing-library/jest-dom';

// CI machines are shared and slow at times: give findBy*/waitFor queries more
// than the default second before they fail.
configure({ asyncUtilTimeout: 10_000 });
