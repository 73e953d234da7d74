import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { StatusLabel, toneOf } from './StatusLabel';

describe('StatusLabel', () => {
  it('keeps the status word readable, the icon decorative', async () => {
    await renderInTestApp(<StatusLabel tone="error">ALARM</StatusLabel>);
    const label = screen.getByText('ALARM');
    expect(label).toHaveAttribute('data-tone', 'error');
    expect(label).not.toHaveAttribute('aria-hidden');
    expect(label.querySelector('svg')).toHaveAttribute('aria-hidden', 'true');
  });

  it.each([
    ['ACTIVE', 'ok'],
    ['available', 'ok'],
    ['UPDATING', 'running'],
    ['awaiting-approval', 'pending'],
    ['DEGRADED', 'error'],
    ['ALARM', 'error'],
    ['INSUFFICIENT_DATA', 'pending'],
    ['OK', 'ok'],
    ['failed', 'error'],
    ['cancelled', 'aborted'],
    ['storage-optimization', 'warning'],
  ])('reads %s as %s', (status, tone) => {
    expect(toneOf(status)).toBe(tone);
  });
});
