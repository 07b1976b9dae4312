/** OffscreenCanvases the views handed over, by the id the view gave each canvas. */
const canvases = new Map<number, unknown>();

interface NodeReference {
  canvasId: number;
  canvas?: unknown;
}

function isNodeReference(value: unknown): value is NodeReference {
  return !!value && typeof value === 'object' && typeof (value as NodeReference).canvasId === 'number';
}

/**
 * Replaces `node` references in selector results with the canvas itself: an OffscreenCanvas,
 * which offers WeChat's Canvas 2D surface (getContext('2d'), width, height) in the Worker.
 */
export function resolveCanvasNodes(result: unknown): unknown {
  if (Array.isArray(result)) return result.map(resolveCanvasNodes);
  if (!result || typeof result !== 'object') return result;
  const entry = result as Record<string, unknown>;
  if (!isNodeReference(entry.node)) return result;
  if (entry.node.canvas) canvases.set(entry.node.canvasId, entry.node.canvas);
  return { ...entry, node: canvases.get(entry.node.canvasId) ?? null };
}
