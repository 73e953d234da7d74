import { fixtures } from '../../../__testUtils__';
import { buildArchitecture } from '../model/architecture';
import type { ArchitectureInputs } from '../model/types';
import { layoutArchitecture, PART_SIZE, type PlacedBox } from './elkLayout';

const inputs: ArchitectureInputs = {
  environment: fixtures.environmentDetail,
  cluster: { value: fixtures.clusterView },
  database: { value: fixtures.databaseView },
  alarms: { value: fixtures.alarmsView },
  cost: { value: fixtures.costView },
  drift: { value: fixtures.driftViewInSync },
};

/** A box's position in the drawing (ELK places children in their parent). */
function absolute(
  boxes: PlacedBox[],
  id: string,
): { x: number; y: number; width: number; height: number } {
  const box = boxes.find(b => b.id === id)!;
  const parent = box.parentId ? absolute(boxes, box.parentId) : { x: 0, y: 0 };
  return {
    x: parent.x + box.x,
    y: parent.y + box.y,
    width: box.width,
    height: box.height,
  };
}

function overlap(a: PlacedBox, b: PlacedBox): boolean {
  return (
    a.x < b.x + b.width &&
    b.x < a.x + a.width &&
    a.y < b.y + b.height &&
    b.y < a.y + a.height
  );
}

describe('layoutArchitecture', () => {
  it('stacks the layers as the seed draws them and fits 1280 px', async () => {
    const layout = await layoutArchitecture(buildArchitecture(inputs));
    const at = (id: string) => absolute(layout.boxes, id);

    // Edge above the VPC; inside it public above private above data.
    expect(at('edge').y).toBeLessThan(at('vpc').y);
    expect(at('public').y).toBeLessThan(at('private').y);
    expect(at('private').y).toBeLessThan(at('data').y);
    // The request path runs downwards.
    expect(at('cloudfront').y).toBeLessThan(at('alb').y);
    expect(at('alb').y).toBeLessThan(at('eks-cluster').y);
    expect(at('eks-cluster').y).toBe(at('node-group-application').y);
    expect(at('eks-cluster').y).toBeLessThan(at('rds').y);
    // The users, CloudFront and the SPA bucket side by side.
    expect(at('users').y).toBe(at('cloudfront').y);
    expect(at('users').x).toBeLessThan(at('cloudfront').x);
    // Regional services beside the VPC (left of it), not below it.
    expect(at('services').x + at('services').width).toBeLessThanOrEqual(
      at('vpc').x,
    );
    expect(at('services').y).toBeLessThan(at('data').y);
    // The request path is one column: ALB over the cluster over RDS, the
    // cluster first in its row, next to the services.
    expect(at('alb').x).toBe(at('eks-cluster').x);
    expect(at('eks-cluster').x).toBe(at('rds').x);
    expect(at('eks-cluster').x).toBeLessThan(at('node-group-system').x);
    // One NAT gateway per AZ, in a row with the ALB.
    const row = ['alb', 'nat-1', 'nat-2', 'nat-3'].map(at);
    expect(row.map(box => box.y)).toEqual(row.map(() => row[0].y));
    expect(row.map(box => box.x)).toEqual(
      [...row.map(box => box.x)].sort((a, b) => a - b),
    );
    // Every part has its fixed size, and nothing overlaps a sibling.
    const parts = layout.boxes.filter(b => b.width === PART_SIZE.width);
    expect(parts).toHaveLength(15);
    const overlapping = layout.boxes.flatMap(a =>
      layout.boxes
        .filter(b => a !== b && a.parentId === b.parentId && overlap(a, b))
        .map(b => `${a.id} and ${b.id}`),
    );
    expect(overlapping).toEqual([]);
    expect(layout.width).toBeLessThanOrEqual(1280);
  });
});
