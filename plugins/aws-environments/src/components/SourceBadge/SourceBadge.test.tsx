import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { SourceBadge } from './SourceBadge';

describe('SourceBadge', () => {
  it('marks sandbox data clearly as not real', async () => {
    await renderInTestApp(<SourceBadge source="sandbox" />);
    const badge = screen.getByTestId('source-badge-sandbox');
    expect(badge).toHaveTextContent('Sandbox');
    expect(badge).toHaveAttribute(
      'title',
      expect.stringContaining('not read from AWS'),
    );
  });

  it('marks AWS data', async () => {
    await renderInTestApp(<SourceBadge source="aws" />);
    expect(screen.getByTestId('source-badge-aws')).toHaveTextContent('AWS');
  });
});
