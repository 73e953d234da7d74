import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { Route, Routes } from 'react-router-dom';
import { AwsEnvironmentsPage, awsEnvironmentsPlugin } from './plugin';
import { awsEnvironmentsApiRef } from '../api';
import { FakeAwsEnvironmentsApi } from '../__testUtils__';

describe('awsEnvironmentsPlugin (legacy frontend system)', () => {
  it('is the aws-environments plugin and provides its API', () => {
    expect(awsEnvironmentsPlugin.getId()).toBe('aws-environments');
    expect(
      [...awsEnvironmentsPlugin.getApis()].map(factory => factory.api.id),
    ).toEqual([awsEnvironmentsApiRef.id]);
  });

  it('renders the environments page under its own header', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[[awsEnvironmentsApiRef, new FakeAwsEnvironmentsApi()]]}
      >
        <Routes>
          <Route path="/aws-environments/*" element={<AwsEnvironmentsPage />} />
        </Routes>
      </TestApiProvider>,
      { routeEntries: ['/aws-environments'] },
    );
    expect(
      await screen.findByRole('heading', {
        name: 'AWS Environments',
        level: 1,
      }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('heading', { name: 'Environments' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('analytics-eu')).toBeInTheDocument();
  });
});
