import { Content } from '@backstage/core-components';
import { Route, Routes } from 'react-router-dom';
import { EnvironmentPage } from '../EnvironmentPage';
import { EnvironmentsPage } from '../EnvironmentsPage';

/**
 * The plugin's pages, relative to where it is mounted (`/aws-environments`):
 * the environments list, and each environment with its tabs under `:name`.
 */
export function AwsEnvironmentsRouter() {
  return (
    <Content>
      <Routes>
        <Route index element={<EnvironmentsPage />} />
        <Route path=":name/*" element={<EnvironmentPage />} />
      </Routes>
    </Content>
  );
}
