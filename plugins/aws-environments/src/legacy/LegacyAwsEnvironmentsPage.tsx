import { Content, Header, Page } from '@backstage/core-components';
import { AwsEnvironmentsRouter } from '../components/AwsEnvironmentsRouter';

/**
 * The environments pages framed for the legacy frontend system, which has
 * no plugin header of its own.
 */
export function LegacyAwsEnvironmentsPage() {
  return (
    <Page themeId="tool">
      <Header
        title="AWS Environments"
        subtitle="EKS, RDS, alarms and cost of every environment against its budget"
      />
      <Content>
        <AwsEnvironmentsRouter />
      </Content>
    </Page>
  );
}
