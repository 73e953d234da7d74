import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { RegistryProps } from './RegistryProps';

/**
 * The ECR repository of the Flask API image, in the management account (the
 * seed's home of CI/CD and ECR): scan on push, immutable tags, a lifecycle
 * limit, and pull access for the workloads account's nodes.
 *
 * The repository is retained when its stack is deleted (the images outlive
 * the environment) and has no fixed name: CloudFormation generates one, so
 * an environment destroyed and created again under the same name gets a new
 * repository instead of failing with "already exists" on the retained one.
 * Consumers read the name from the registry stack's `RepositoryUri` output.
 *
 * @public
 */
export class Registry extends Construct {
  readonly repository: ecr.Repository;

  constructor(scope: Construct, id: string, props: RegistryProps) {
    super(scope, id);
    this.repository = new ecr.Repository(this, 'ApiRepository', {
      // No repositoryName: a fixed name would collide with the retained
      // repository of a destroyed environment of the same name.
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
