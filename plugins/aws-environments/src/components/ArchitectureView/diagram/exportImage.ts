import { getViewportForBounds, type Rect } from '@xyflow/react';
import { toPng, toSvg } from 'html-to-image';

/** The formats the drawing exports to. */
export type ExportFormat = 'svg' | 'png';

/** Room around the drawing in the exported image, in pixels. */
const MARGIN = 16;

/**
 * Renders the whole drawing (not just what is in view) to an image at its
 * natural size, as React Flow's "download image" example does: the
 * viewport element, transformed to frame the bounds of every node (the
 * layout's, which starts at the origin).
 */
export async function renderDrawing(
  viewportElement: HTMLElement,
  bounds: Rect,
  format: ExportFormat,
  backgroundColor: string,
): Promise<string> {
  const width = Math.ceil(bounds.width + 2 * MARGIN);
  const height = Math.ceil(bounds.height + 2 * MARGIN);
  const viewport = getViewportForBounds(bounds, width, height, 1, 1, 0);
  const options = {
    backgroundColor,
    width,
    height,
    style: {
      width: `${width}px`,
      height: `${height}px`,
      transform: `translate(${viewport.x}px, ${viewport.y}px) scale(${viewport.zoom})`,
    },
  };
  return format === 'svg'
    ? toSvg(viewportElement, options)
    : toPng(viewportElement, { ...options, pixelRatio: 2 });
}

/** Saves a data URL as a file through a temporary link. */
export function download(dataUrl: string, fileName: string) {
  const link = document.createElement('a');
  link.href = dataUrl;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
}
