/**
 * An EC2 instance type offered for EKS node groups.
 *
 * @public
 */
export interface Ec2InstanceTypeInfo {
  name: string;
  vcpus: number;
  memoryGiB: number;
  /** `arm64` (Graviton) nodes need multi-architecture container images. */
  architecture: 'x86_64' | 'arm64';
  /** Burstable (T family): CPU credits, cheap at low steady load. */
  burstable: boolean;
}

/**
 * EC2 instance types a node group may use. General-purpose and burstable
 * sizes that run EKS-optimized AL2023 AMIs and have a us-east-1 price in the
 * cost model (`EC2_HOURLY_USD`); the wizard offers exactly these.
 *
 * @public
 */
export const EC2_INSTANCE_TYPES: readonly Ec2InstanceTypeInfo[] = [
  {
    name: 't3.medium',
    vcpus: 2,
    memoryGiB: 4,
    architecture: 'x86_64',
    burstable: true,
  },
  {
    name: 't3.large',
    vcpus: 2,
    memoryGiB: 8,
    architecture: 'x86_64',
    burstable: true,
  },
  {
    name: 't3.xlarge',
    vcpus: 4,
    memoryGiB: 16,
    architecture: 'x86_64',
    burstable: true,
  },
  {
    name: 't3.2xlarge',
    vcpus: 8,
    memoryGiB: 32,
    architecture: 'x86_64',
    burstable: true,
  },
  {
    name: 't3a.medium',
    vcpus: 2,
    memoryGiB: 4,
    architecture: 'x86_64',
    burstable: true,
  },
  {
    name: 't3a.large',
    vcpus: 2,
    memoryGiB: 8,
    architecture: 'x86_64',
    burstable: true,
  },
  {
    name: 't3a.xlarge',
    vcpus: 4,
    memoryGiB: 16,
    architecture: 'x86_64',
    burstable: true,
  },
  {
    name: 't4g.medium',
    vcpus: 2,
    memoryGiB: 4,
    architecture: 'arm64',
    burstable: true,
  },
  {
    name: 't4g.large',
    vcpus: 2,
    memoryGiB: 8,
    architecture: 'arm64',
    burstable: true,
  },
  {
    name: 't4g.xlarge',
    vcpus: 4,
    memoryGiB: 16,
    architecture: 'arm64',
    burstable: true,
  },
  {
    name: 'm5.large',
    vcpus: 2,
    memoryGiB: 8,
    architecture: 'x86_64',
    burstable: false,
  },
  {
    name: 'm5.xlarge',
    vcpus: 4,
    memoryGiB: 16,
    architecture: 'x86_64',
    burstable: false,
  },
  {
    name: 'm5.2xlarge',
    vcpus: 8,
    memoryGiB: 32,
    architecture: 'x86_64',
    burstable: false,
  },
  {
    name: 'm6i.large',
    vcpus: 2,
    memoryGiB: 8,
    architecture: 'x86_64',
    burstable: false,
  },
  {
    name: 'm6i.xlarge',
    vcpus: 4,
    memoryGiB: 16,
    architecture: 'x86_64',
    burstable: false,
  },
  {
    name: 'm6i.2xlarge',
    vcpus: 8,
    memoryGiB: 32,
    architecture: 'x86_64',
    burstable: false,
  },
  {
    name: 'm7i.large',
    vcpus: 2,
    memoryGiB: 8,
    architecture: 'x86_64',
    burstable: false,
  },
  {
    name: 'm7i.xlarge',
    vcpus: 4,
    memoryGiB: 16,
    architecture: 'x86_64',
    burstable: false,
  },
  {
    name: 'm6g.large',
    vcpus: 2,
    memoryGiB: 8,
    architecture: 'arm64',
    burstable: false,
  },
  {
    name: 'm6g.xlarge',
    vcpus: 4,
    memoryGiB: 16,
    architecture: 'arm64',
    burstable: false,
  },
  {
    name: 'm7g.large',
    vcpus: 2,
    memoryGiB: 8,
    architecture: 'arm64',
    burstable: false,
  },
  {
    name: 'm7g.xlarge',
    vcpus: 4,
    memoryGiB: 16,
    architecture: 'arm64',
    burstable: false,
  },
  {
    name: 'c6i.large',
    vcpus: 2,
    memoryGiB: 4,
    architecture: 'x86_64',
    burstable: false,
  },
  {
    name: 'c6i.xlarge',
    vcpus: 4,
    memoryGiB: 8,
    architecture: 'x86_64',
    burstable: false,
  },
  {
    name: 'r6i.large',
    vcpus: 2,
    memoryGiB: 16,
    architecture: 'x86_64',
    burstable: false,
  },
  {
    name: 'r6i.xlarge',
    vcpus: 4,
    memoryGiB: 32,
    architecture: 'x86_64',
    burstable: false,
  },
];

/**
 * An RDS instance class offered for the PostgreSQL database.
 *
 * @public
 */
export interface RdsInstanceClassInfo {
  name: string;
  vcpus: number;
  memoryGiB: number;
  architecture: 'x86_64' | 'arm64';
  burstable: boolean;
}

/**
 * RDS for PostgreSQL instance classes the database may use (all support
 * PostgreSQL 15 to 17, storage encryption and Multi-AZ). Every one has a
 * us-east-1 price in the cost model (`RDS_POSTGRES_HOURLY_USD`).
 *
 * @public
 */
export const RDS_INSTANCE_CLASSES: readonly RdsInstanceClassInfo[] = [
  {
    name: 'db.t3.micro',
    vcpus: 2,
    memoryGiB: 1,
    architecture: 'x86_64',
    burstable: true,
  },
  {
    name: 'db.t3.small',
    vcpus: 2,
    memoryGiB: 2,
    architecture: 'x86_64',
    burstable: true,
  },
  {
    name: 'db.t3.medium',
    vcpus: 2,
    memoryGiB: 4,
    architecture: 'x86_64',
    burstable: true,
  },
  {
    name: 'db.t3.large',
    vcpus: 2,
    memoryGiB: 8,
    architecture: 'x86_64',
    burstable: true,
  },
  {
    name: 'db.t3.xlarge',
    vcpus: 4,
    memoryGiB: 16,
    architecture: 'x86_64',
    burstable: true,
  },
  {
    name: 'db.t4g.micro',
    vcpus: 2,
    memoryGiB: 1,
    architecture: 'arm64',
    burstable: true,
  },
  {
    name: 'db.t4g.small',
    vcpus: 2,
    memoryGiB: 2,
    architecture: 'arm64',
    burstable: true,
  },
  {
    name: 'db.t4g.medium',
    vcpus: 2,
    memoryGiB: 4,
    architecture: 'arm64',
    burstable: true,
  },
  {
    name: 'db.t4g.large',
    vcpus: 2,
    memoryGiB: 8,
    architecture: 'arm64',
    burstable: true,
  },
  {
    name: 'db.m5.large',
    vcpus: 2,
    memoryGiB: 8,
    architecture: 'x86_64',
    burstable: false,
  },
  {
    name: 'db.m5.xlarge',
    vcpus: 4,
    memoryGiB: 16,
    architecture: 'x86_64',
    burstable: false,
  },
  {
    name: 'db.m6i.large',
    vcpus: 2,
    memoryGiB: 8,
    architecture: 'x86_64',
    burstable: false,
  },
  {
    name: 'db.m6i.xlarge',
    vcpus: 4,
    memoryGiB: 16,
    architecture: 'x86_64',
    burstable: false,
  },
  {
    name: 'db.m6g.large',
    vcpus: 2,
    memoryGiB: 8,
    architecture: 'arm64',
    burstable: false,
  },
  {
    name: 'db.m6g.xlarge',
    vcpus: 4,
    memoryGiB: 16,
    architecture: 'arm64',
    burstable: false,
  },
  {
    name: 'db.m7g.large',
    vcpus: 2,
    memoryGiB: 8,
    architecture: 'arm64',
    burstable: false,
  },
  {
    name: 'db.m7g.xlarge',
    vcpus: 4,
    memoryGiB: 16,
    architecture: 'arm64',
    burstable: false,
  },
  {
    name: 'db.r6g.large',
    vcpus: 2,
    memoryGiB: 16,
    architecture: 'arm64',
    burstable: false,
  },
  {
    name: 'db.r6i.large',
    vcpus: 2,
    memoryGiB: 16,
    architecture: 'x86_64',
    burstable: false,
  },
];

/**
 * A Kubernetes minor version on Amazon EKS with its support calendar
 * (dates in UTC, `YYYY-MM-DD`).
 *
 * @public
 */
export interface EksKubernetesVersionInfo {
  version: string;
  eksRelease: string;
  endOfStandardSupport: string;
  endOfExtendedSupport: string;
}

/**
 * Kubernetes versions an environment may run: those EKS can create clusters
 * on as of 2026-11-26, from the "Amazon EKS Kubernetes release calendar"
 * (EKS user guide, "Understand the Kubernetes version lifecycle on EKS").
 * 1.31 is left out (extended support ends 2026-11-26); 1.36 is left out until
 * its EKS dates are confirmed. Past `endOfStandardSupport` the control plane
 * costs the extended-support rate; the cost model prices that.
 *
 * @public
 */
export const EKS_KUBERNETES_VERSIONS: readonly EksKubernetesVersionInfo[] = [
  {
    version: '1.32',
    eksRelease: '2025-01-23',
    endOfStandardSupport: '2026-03-23',
    endOfExtendedSupport: '2027-03-23',
  },
  {
    version: '1.33',
    eksRelease: '2025-05-29',
    endOfStandardSupport: '2026-07-29',
    endOfExtendedSupport: '2027-07-29',
  },
  {
    version: '1.34',
    eksRelease: '2025-10-02',
    endOfStandardSupport: '2026-12-02',
    endOfExtendedSupport: '2027-12-02',
  },
  {
    version: '1.35',
    eksRelease: '2026-01-27',
    endOfStandardSupport: '2027-03-27',
    endOfExtendedSupport: '2028-03-27',
  },
];

/**
 * PostgreSQL major versions the database may run (RDS for PostgreSQL; the
 * seed asks for 15).
 *
 * @public
 */
export const POSTGRES_ENGINE_VERSIONS: readonly string[] = ['15', '16', '17'];

/**
 * RDS storage types the spec may ask for. `io1`/`io2` are not offered: they
 * need a provisioned IOPS figure the spec does not carry.
 *
 * @public
 */
export const RDS_STORAGE_TYPES: readonly string[] = ['gp3', 'gp2'];
