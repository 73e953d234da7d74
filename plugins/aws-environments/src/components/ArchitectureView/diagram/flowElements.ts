import { MarkerType, type Edge } from '@xyflow/react';
import type { ArchitectureLayout, PlacedBox } from '../layout/elkLayout';
import type { ArchitectureModel, PartTab } from '../model/types';
import type { LayerFlowNode } from './LayerNode';
import { describePart, type PartFlowNode } from './PartNode';

/** The names of the environment's tabs, for the links on the parts. */
export const TAB_LABELS: Record<PartTab, string> = {
  cluster: 'Cluster view',
  database: 'Database view',
  alarms: 'Alarms view',
  cost: 'Cost view',
};

/** How the drawing links out: to catalog entities and the environment's tabs. */
export interface ArchitectureLinks {
  entityHref: (entityRef: string) => string;
  tabHref: (tab: PartTab) => string;
}

export type ArchitectureFlowNode = PartFlowNode | LayerFlowNode;

/** Absolute positions of the parts, for moving between them with arrows. */
export function absoluteCentres(
  layout: ArchitectureLayout,
): Map<string, { x: number; y: number }> {
  const byId = new Map(layout.boxes.map(box => [box.id, box]));
  const origin = (box: PlacedBox): { x: number; y: number } => {
    const parent = box.parentId ? byId.get(box.parentId) : undefined;
    const base = parent ? origin(parent) : { x: 0, y: 0 };
    return { x: base.x + box.x, y: base.y + box.y };
  };
  return new Map(
    layout.boxes.map(box => {
      const { x, y } = origin(box);
      return [box.id, { x: x + box.width / 2, y: y + box.height / 2 }];
    }),
  );
}

/** The React Flow nodes: layer boxes first (parents before children), then parts. */
export function flowNodesOf(
  model: ArchitectureModel,
  layout: ArchitectureLayout,
  links: ArchitectureLinks,
): ArchitectureFlowNode[] {
  const parts = new Map(model.parts.map(part => [part.id, part]));
  const layers = new Map<string, string>(
    model.layers.map(layer => [
      layer.id,
      layer.subnets
        ? `${layer.label} · ${layer.subnets.length} AZs`
        : layer.label,
    ]),
  );
  return layout.boxes.map((box): ArchitectureFlowNode => {
    const common = {
      id: box.id,
      parentId: box.parentId,
      position: { x: box.x, y: box.y },
      width: box.width,
      height: box.height,
      style: { width: box.width, height: box.height },
      draggable: false,
      selectable: false,
      connectable: false,
    };
    const part = parts.get(box.id);
    if (!part) {
      const label =
        box.id === 'vpc' ? model.vpcLabel : layers.get(box.id) ?? box.id;
      return {
        ...common,
        type: 'layer',
        // Not a stop for Tab; a named group (React Flow describes every
        // node's role, which needs one).
        focusable: false,
        ariaRole: 'group',
        ariaLabel: label,
        data: { label, vpc: box.id === 'vpc' },
      };
    }
    return {
      ...common,
      type: 'part',
      ariaLabel: describePart(part),
      data: {
        part,
        entityHref: part.entityRefs[0]
          ? links.entityHref(part.entityRefs[0])
          : undefined,
        view: part.tab
          ? { href: links.tabHref(part.tab), label: TAB_LABELS[part.tab] }
          : undefined,
      },
    };
  });
}

type Handles = { sourceHandle?: string; targetHandle?: string };

/** The handles each kind of arrow uses (see `EXTRA_HANDLES`). */
const HANDLES: Record<ArchitectureModel['edges'][number]['kind'], Handles> = {
  traffic: {},
  egress: { sourceHandle: 'up', targetHandle: 'below' },
  uses: { sourceHandle: 'left', targetHandle: 'right' },
};

/** Arrows within the edge layer's row go across; the others by kind. */
function handlesOf(
  model: ArchitectureModel,
  edge: ArchitectureModel['edges'][number],
): Handles {
  const layer = (id: string) => model.parts.find(p => p.id === id)?.layer;
  return layer(edge.source) === 'edge' && layer(edge.target) === 'edge'
    ? { sourceHandle: 'across-out', targetHandle: 'across-in' }
    : HANDLES[edge.kind];
}

/** The arrows, labelled with their ports; dependencies dashed. */
export function flowEdgesOf(model: ArchitectureModel): Edge[] {
  const kinds = new Map(model.parts.map(part => [part.id, part.kind]));
  return model.edges.map(edge => ({
    id: edge.id,
    source: edge.source,
    target: edge.target,
    ...handlesOf(model, edge),
    // One label per NAT gateway would crowd the row: the system node
    // group's arrows go unlabelled (the list below the drawing names all).
    label:
      edge.kind === 'egress' && edge.source === 'node-group-system'
        ? undefined
        : edge.label,
    ariaLabel: `${kinds.get(edge.source)} to ${kinds.get(edge.target)}: ${
      edge.label
    }`,
    markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 },
    style:
      edge.kind === 'traffic'
        ? { strokeWidth: 2 }
        : { strokeWidth: 1.5, strokeDasharray: '6 4' },
    labelStyle: { fontSize: 11, fontWeight: 600 },
    labelBgPadding: [4, 2] as [number, number],
    focusable: false,
  }));
}

/**
 * The part to move to from `from` with an arrow key: the nearest one whose
 * centre lies in that direction (within a 45° cone), if any.
 */
export function nextPart(
  centres: Map<string, { x: number; y: number }>,
  partIds: readonly string[],
  from: string,
  key: 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight',
): string | undefined {
  const start = centres.get(from);
  if (!start) {
    return undefined;
  }
  const [dx, dy] = {
    ArrowUp: [0, -1],
    ArrowDown: [0, 1],
    ArrowLeft: [-1, 0],
    ArrowRight: [1, 0],
  }[key];
  let best: { id: string; distance: number } | undefined;
  for (const id of partIds) {
    const centre = centres.get(id);
    if (id === from || !centre) continue;
    const along = (centre.x - start.x) * dx + (centre.y - start.y) * dy;
    const across = Math.abs(
      (centre.x - start.x) * dy + (centre.y - start.y) * dx,
    );
    if (along <= 0 || across > along) continue;
    const distance = along + across * 2;
    if (!best || distance < best.distance) {
      best = { id, distance };
    }
  }
  return best?.id;
}
