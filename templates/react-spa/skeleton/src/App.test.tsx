import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from './App';

function answer(status: number, body: unknown) {
  vi.stubGlobal(
    'fetch',
    vi.fn().mockResolvedValue(
      new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json' },
      }),
    ),
  );
}

describe('App', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('shows which API answered', async () => {
    answer(200, {
      service: 'innovate-api',
      version: 'abc123',
      environment: 'prod',
    });
    render(<App />);
    expect(
      await screen.findByText('Connected to innovate-api abc123 (prod)'),
    ).toBeInTheDocument();
    expect(fetch).toHaveBeenCalledWith('/api/v1/info', expect.anything());
  });

  it('says when the API is unavailable', async () => {
    answer(503, { status: 'unavailable' });
    render(<App />);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The API is unavailable: The API answered 503',
    );
  });
});
