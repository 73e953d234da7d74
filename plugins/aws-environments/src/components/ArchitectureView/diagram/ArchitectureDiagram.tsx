import { KeyboardEvent, RefObject, useMemo, useRef, useState } from 'react';
import { ReactFlow, type NodeTypes } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import type { ArchitectureLayout } from '../layout/elkLayout';
import type { ArchitectureModel } from '../model/types';
import { download, renderDrawing, type ExportFormat } from './exportImage';
import {
  absoluteCentres,
  flowEdgesOf,
  flowNodesOf,
  nextPart,
  type ArchitectureLinks,
} from './flowElements';
import { LayerNode } from './LayerNode';
import { PartNode } from './PartNode';

const NODE_TYPES: NodeTypes = { part: PartNode, layer: LayerNode };

/** How a part is used from the keyboard (nothing is selected or moved). */
const KEYS_HELP =
  'Tab moves to the next part, the arrow keys to the nearest part in that direction; the links inside open its catalog entity and its view.';

const ARIA_LABELS = {
  'node.a11yDescription.default': KEYS_HELP,
  'node.a11yDescription.keyboardDisabled': KEYS_HELP,
};

const ARROW_KEYS = ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'] as const;
type ArrowKey = (typeof ARROW_KEYS)[number];

function isArrowKey(key: string): key is ArrowKey {
  return (ARROW_KEYS as readonly string[]).includes(key);
}

/** Props of {@link ArchitectureDiagram}. */
export interface ArchitectureDiagramProps {
  environment: string;
  model: ArchitectureModel;
  layout: ArchitectureLayout;
  links: ArchitectureLinks;
}

/**
 * Arrow keys on a part move the focus to the nearest part in that
 * direction (Tab already walks the parts in the model's order).
 */
function useArrowKeys(
  wrapper: RefObject<HTMLDivElement>,
  model: ArchitectureModel,
  layout: ArchitectureLayout,
) {
  const centres = useMemo(() => absoluteCentres(layout), [layout]);
  const partIds = useMemo(() => model.parts.map(part => part.id), [model]);
  return (event: KeyboardEvent<HTMLDivElement>) => {
    if (!isArrowKey(event.key)) {
      return;
    }
    const from = (event.target as HTMLElement)
      .closest('.react-flow__node')
      ?.getAttribute('data-id');
    const to = from ? nextPart(centres, partIds, from, event.key) : undefined;
    const target = to
      ? wrapper.current?.querySelector<HTMLElement>(
          `.react-flow__node[data-id="${to}"]`,
        )
      : undefined;
    if (target) {
      event.preventDefault();
      target.focus();
    }
  };
}

/** The SVG and PNG export buttons, and what went wrong if an export fails. */
function ExportButtons(props: {
  environment: string;
  layout: ArchitectureLayout;
  wrapper: RefObject<HTMLDivElement>;
}) {
  const { environment, layout, wrapper } = props;
  const theme = useTheme();
  const [exportError, setExportError] = useState<string>();
  const exportAs = async (format: ExportFormat) => {
    const viewport = wrapper.current?.querySelector<HTMLElement>(
      '.react-flow__viewport',
    );
    if (!viewport) {
      return;
    }
    try {
      setExportError(undefined);
      const image = await renderDrawing(
        viewport,
        { x: 0, y: 0, width: layout.width, height: layout.height },
        format,
        theme.palette.background.default,
      );
      download(image, `${environment}-architecture.${format}`);
    } catch (error) {
      setExportError(
        `Could not export the drawing as ${format.toUpperCase()}: ${
          (error as Error).message
        }`,
      );
    }
  };
  return (
    <>
      <Button size="small" onClick={() => exportAs('svg')}>
        Export SVG
      </Button>
      <Button size="small" onClick={() => exportAs('png')}>
        Export PNG
      </Button>
      {exportError && (
        <Typography role="alert" color="error" variant="body2">
          {exportError}
        </Typography>
      )}
    </>
  );
}

/**
 * The drawing: React Flow renders the parts where ELK placed them, at most
 * at their natural size (it scales down to fit narrower screens; the page
 * never scrolls sideways). Tab moves from part to part, the arrow keys to
 * the nearest part in that direction; the drawing exports as SVG or PNG.
 */
export function ArchitectureDiagram(props: ArchitectureDiagramProps) {
  const { environment, model, layout, links } = props;
  const theme = useTheme();
  const wrapper = useRef<HTMLDivElement>(null);
  const nodes = useMemo(
    () => flowNodesOf(model, layout, links),
    [model, layout, links],
  );
  const edges = useMemo(() => flowEdgesOf(model), [model]);
  const onKeyDown = useArrowKeys(wrapper, model, layout);
  const size = { width: layout.width + 16, height: layout.height + 16 };

  return (
    <>
      <Box display="flex" alignItems="center" flexWrap="wrap" mb={1}>
        <Typography variant="body2" style={{ flex: 1 }}>
          Solid arrows carry requests, with their ports and security-group
          rules; dashed ones are dependencies. Each part says its state in
          words; Tab and the arrow keys move between parts.
        </Typography>
        <ExportButtons
          environment={environment}
          layout={layout}
          wrapper={wrapper}
        />
      </Box>
      <div
        ref={wrapper}
        role="group"
        aria-label={`Architecture of ${environment}`}
        data-testid="architecture-drawing"
        style={{
          width: '100%',
          maxWidth: size.width,
          aspectRatio: `${size.width} / ${size.height}`,
        }}
      >
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={NODE_TYPES}
          colorMode={theme.palette.type === 'dark' ? 'dark' : 'light'}
          fitView
          fitViewOptions={{ padding: 0.01, maxZoom: 1 }}
          minZoom={0.1}
          maxZoom={1}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          edgesFocusable={false}
          panOnDrag={false}
          zoomOnScroll={false}
          zoomOnPinch={false}
          zoomOnDoubleClick={false}
          preventScrolling={false}
          proOptions={{ hideAttribution: true }}
          ariaLabelConfig={ARIA_LABELS}
          // The parts' key presses bubble up to React Flow's own element.
          onKeyDown={onKeyDown}
        />
      </div>
    </>
  );
}
