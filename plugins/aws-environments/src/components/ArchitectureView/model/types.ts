import type {
  AlarmsView,
  ClusterView,
  CostView,
  DataSourceKind,
  DatabaseView,
  DomainView,
  DriftView,
  EnvironmentDetail,
} from '@innovate/plugin-aws-environments-common';
import type { StatusTone } from '../../StatusLabel';

/**
 * The layers of the seed's diagram, top to bottom; `services` are the
 * regional services beside the VPC (ECR, Secrets Manager, KMS, alarms).
 */
export type LayerId = 'edge' | 'public' | 'private' | 'data' | 'services';

/** A view as the drawing needs it: its value, or why it failed. */
export interface ViewState<T> {
  value?: T;
  error?: Error;
}

/** What the drawing is made of: the environment and its views. */
export interface ArchitectureInputs {
  environment: EnvironmentDetail;
  cluster: ViewState<ClusterView>;
  database: ViewState<DatabaseView>;
  alarms: ViewState<AlarmsView>;
  cost: ViewState<CostView>;
  drift: ViewState<DriftView>;
  /** The domain's certificates (CloudFront's shows on the CloudFront part). */
  domain?: ViewState<DomainView>;
}

/** A part's state in words and tone (never colour alone). */
export interface PartStatus {
  tone: StatusTone;
  /** One or two words: `ACTIVE`, `available`, `Alarm`, `Unavailable`. */
  text: string;
  /** What makes it so: firing alarms, drift, health issues, failed views. */
  reasons: string[];
}

/** A part's monthly cost from the cost view's estimate lines. */
export type PartCost =
  | {
      kind: 'usd';
      monthlyUsd: number;
      /** The lines it comes from, e.g. `NAT gateways (3): $102.60`. */
      lines: string[];
      /** Set when the part is one of several that share one line. */
      shareOf?: { count: number; lineUsd: number };
    }
  | { kind: 'unavailable'; reason: string }
  | { kind: 'loading' }
  | { kind: 'none' };

/** The view of the environment that explains a part (a tab). */
export type PartTab = 'cluster' | 'database' | 'alarms' | 'cost';

/** One box of the drawing. */
export interface ArchitecturePart {
  id: string;
  layer: LayerId;
  /** What it is: `Application Load Balancer`. */
  kind: string;
  /** Its name: `innovate-prod-alb`. */
  title: string;
  /** Short facts: `t3.large × 2 (2–20)`. */
  details: string[];
  /** Undefined for what has no state of its own (the users). */
  status?: PartStatus;
  cost: PartCost;
  /** Where its state and cost came from; undefined when from nowhere. */
  source?: DataSourceKind;
  /** Catalog entity refs of the part, the first being its own. */
  entityRefs: string[];
  tab?: PartTab;
}

/** An arrow between two parts, labelled with ports or what flows. */
export interface ArchitectureEdge {
  id: string;
  source: string;
  target: string;
  label: string;
  /**
   * `traffic` is the request path; `egress` the way out through a NAT
   * gateway; `uses` a dependency (dashed).
   */
  kind: 'traffic' | 'egress' | 'uses';
}

/** A labelled box around the parts of one layer. */
export interface ArchitectureLayer {
  id: LayerId;
  label: string;
  /** The layer's subnets, one per AZ: `AZ a 10.0.0.0/18`. */
  subnets?: string[];
}

/** The whole drawing, before layout. */
export interface ArchitectureModel {
  layers: ArchitectureLayer[];
  parts: ArchitecturePart[];
  edges: ArchitectureEdge[];
  /** The VPC's CIDR, which frames the public, private and data layers. */
  vpcLabel: string;
}
