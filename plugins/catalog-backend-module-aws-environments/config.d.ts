import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /**
       * The AWS environments entity provider: one Resource for every part of
       * every environment registered in the aws-environments backend plugin.
       */
      awsEnvironments?: {
        /**
         * How often every environment is read again. Deployments and
         * destroys also trigger a refresh at once (events topic
         * `aws-environments`).
         * @default every 30 seconds, timeout 2 minutes
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
