import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { RegistryProps } from './RegistryProps';

/**
 * The ECR repository of the Flask API image, in the management account (the
 * seed's home of CI/CD and ECR): scan on push, immutable tags, a lifecycle
 * limit, and pull access for the workloads account's nodes.
 *
 * @public
 */
export class Registry extends Construct {
  readonly repository: ecr.Repository;

  constructor(scope: Construct, id: string, props: RegistryProps) {
    super(scope, id);
    this.repository = new ecr.Repository(this, 'ApiRepository', {
      repositoryName: props.repositoryName,
      imageScanOnPush: true,
      imageTagMutability: ecr.TagMutability.IMMUTABLE,
      encryption: ecr.RepositoryEncryption.AES_256,
      lifecycleRules: [
        {
          description: `Keep the last ${props.imagesKept} images`,
          maxImageCount: props.imagesKept,
        },
      ],
    });
    if (props.pullAccountIds.length > 0) {
      this.repository.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'PullFromWorkloadAccounts',
          principals: props.pullAccountIds.map(
            account => new iam.AccountPrincipal(account),
          ),
          actions: [
            'ecr:BatchCheckLayerAvailability',
            'ecr:BatchGetImage',
            'ecr:GetDownloadUrlForLayer',
          ],
        }),
      );
    }
  }
}
