import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode, LayoutOptions } from 'elkjs/lib/elk-api';
import type {
  ArchitectureModel,
  ArchitecturePart,
  LayerId,
} from '../model/types';

/** The fixed size of a part's box; its content is laid out to fit it. */
export const PART_SIZE = { width: 200, height: 132 } as const;

/** Room at the top of a layer's box for its label. */
const LABEL_ROOM = 28;

/** A box of the drawing, placed relative to its parent box (if any). */
export interface PlacedBox {
  id: string;
  parentId?: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The drawing's boxes in parent-first order, and its overall size. */
export interface ArchitectureLayout {
  /** Layer boxes (and the VPC) by id, parts by their part id. */
  boxes: PlacedBox[];
  width: number;
  height: number;
}

const elk = new ELK();

function groupOptions(
  direction: 'DOWN' | 'RIGHT',
  extra: LayoutOptions = {},
): LayoutOptions {
  return {
    'elk.algorithm': 'layered',
    'elk.direction': direction,
    'elk.padding': `[top=${LABEL_ROOM + 12},left=16,bottom=16,right=16]`,
    'elk.spacing.nodeNode': '24',
    'elk.layered.spacing.nodeNodeBetweenLayers': '36',
    'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    'elk.partitioning.activate': 'true',
    // Unconnected parts stay in their layer instead of being packed apart.
    'elk.separateConnectedComponents': 'false',
    // Parts keep the model's order in their row (the ALB, then AZ a, b, c).
    'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    'elk.layered.crossingMinimization.forceNodeModelOrder': 'true',
    ...extra,
  };
}

function partNode(part: ArchitecturePart, partition = 0): ElkNode {
  return {
    id: part.id,
    ...PART_SIZE,
    layoutOptions: { 'elk.partitioning.partition': String(partition) },
  };
}

/** The edge layer reads left to right: users, CloudFront, the SPA bucket. */
const PARTITION: Record<string, number> = {
  users: 0,
  cloudfront: 1,
  spa: 2,
};

function layerNode(
  model: ArchitectureModel,
  layer: LayerId,
  direction: 'DOWN' | 'RIGHT',
  partition: number,
): ElkNode {
  return {
    id: layer,
    layoutOptions: {
      ...groupOptions(direction),
      'elk.partitioning.partition': String(partition),
      // The edge row's arrows run between its parts: room for their labels.
      ...(layer === 'edge'
        ? { 'elk.layered.spacing.nodeNodeBetweenLayers': '110' }
        : {}),
    },
    children: model.parts
      .filter(part => part.layer === layer)
      .map(part => partNode(part, PARTITION[part.id] ?? 1)),
  };
}

/**
 * The ELK graph of the seed's diagram: the edge layer on top; below it the
 * VPC with its public, private and isolated subnets (ELK partitions keep
 * them in that order), and the regional services left of the VPC. Each
 * layer is a compound node laid out by ELK's layered algorithm.
 */
export function elkGraphOf(model: ArchitectureModel): ElkNode {
  return {
    id: 'root',
    layoutOptions: {
      ...groupOptions('DOWN'),
      'elk.padding': '[top=0,left=0,bottom=0,right=0]',
      // Room between the layers for the labels of the arrows that cross.
      'elk.spacing.nodeNode': '88',
      'elk.layered.spacing.nodeNodeBetweenLayers': '96',
    },
    children: [
      layerNode(model, 'edge', 'RIGHT', 0),
      // Left of the VPC, beside the cluster at the left of its row: the
      // dependency arrows cross no other part.
      layerNode(model, 'services', 'RIGHT', 1),
      {
        id: 'vpc',
        layoutOptions: {
          ...groupOptions('DOWN'),
          'elk.partitioning.partition': '1',
          'elk.layered.spacing.nodeNodeBetweenLayers': '60',
        },
        children: [
          layerNode(model, 'public', 'DOWN', 0),
          layerNode(model, 'private', 'DOWN', 1),
          layerNode(model, 'data', 'DOWN', 2),
        ],
      },
    ],
  };
}

function flatten(node: ElkNode, parentId?: string): PlacedBox[] {
  const box: PlacedBox = {
    id: node.id,
    parentId,
    x: node.x ?? 0,
    y: node.y ?? 0,
    width: node.width ?? 0,
    height: node.height ?? 0,
  };
  return [
    box,
    ...(node.children ?? []).flatMap(child => flatten(child, node.id)),
  ];
}

/** Lays the model out with ELK (pure JavaScript; no DOM needed). */
export async function layoutArchitecture(
  model: ArchitectureModel,
): Promise<ArchitectureLayout> {
  const laidOut = await elk.layout(elkGraphOf(model));
  const boxes = (laidOut.children ?? []).flatMap(child => flatten(child));
  return {
    boxes,
    width: laidOut.width ?? 0,
    height: laidOut.height ?? 0,
  };
}
