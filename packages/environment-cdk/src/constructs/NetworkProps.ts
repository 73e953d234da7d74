/**
 * Properties of {@link Network}.
 *
 * @public
 */
export interface NetworkProps {
  /** IPv4 block of the VPC, /16 to /22 (see `planSubnets`). */
  readonly vpcCidr: string;
  /**
   * Availability Zones to spread the subnets over, by name. Given explicitly
   * so the app synthesizes without an availability-zone lookup.
   */
  readonly availabilityZones: string[];
  /** NAT gateways, 1 to the number of AZs; one per AZ is the seed's layout. */
  readonly natGateways: number;
  /** Port the API pods listen on; the ALB reaches the nodes only there. */
  readonly apiPort: number;
  /** Name of the CloudWatch Logs group the VPC flow logs go to. */
  readonly flowLogGroupName: string;
  /** Days the flow logs are kept. */
  readonly flowLogRetentionDays: number;
}
