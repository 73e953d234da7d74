import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { MarkdownContent } from '@backstage/core-components';

const content = `
## Innovate Portal

The developer portal of Innovate Inc.: it provisions and watches the AWS
platform (React SPA on S3 + CloudFront, Flask API on EKS, RDS PostgreSQL).

- **[AWS environments](/aws-environments)**: cluster, database, alarm and
  cost views of every environment, against the ~$430/month budget.
- **[Create an environment](/create)**: the "AWS environment" wizard with a
  live cost estimate and the seed architecture's checks, or a new Flask API
  or React SPA service with its CI/CD.
- **[Catalog](/catalog)**: every part of the platform, its owners and
  dependencies.
`;

const gettingStartedWidget = HomePageWidgetBlueprint.make({
  name: 'getting-started',
  params: {
    name: 'GettingStarted',
    title: 'Welcome',
    description: 'What the Innovate Portal offers',
    components: async () => ({
      Content: () => <MarkdownContent content={content} />,
    }),
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [gettingStartedWidget],
});
