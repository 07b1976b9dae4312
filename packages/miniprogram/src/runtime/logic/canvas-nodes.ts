import { extendCanvas, type CanvasNodeServices } from './canvas-image';

/** OffscreenCanvases the views handed over, by page and the id that page's view gave each canvas. */
const canvases = new Map<string, OffscreenCanvas>();

interface NodeReference {
  canvasId: number;
  canvas?: OffscreenCanvas;
}

function isNodeReference(value: unknown): value is NodeReference {
  return !!value && typeof value === 'object' && typeof (value as NodeReference).canvasId === 'number';
}

/**
 * Replaces `node` references in selector results of the page `pageId` with the canvas itself:
 * an OffscreenCanvas, which offers WeChat's Canvas 2D surface (getContext('2d'), width, height)
 * in the Worker, given the rest of WeChat's Canvas (createImage, requestAnimationFrame, …).
 * Each page's view numbers its canvases from 1, so the page is part of the key.
 */
export function resolveCanvasNodes(result: unknown, pageId: number, services: CanvasNodeServices): unknown {
  if (Array.isArray(result)) return result.map((entry) => resolveCanvasNodes(entry, pageId, services));
  if (!result || typeof result !== 'object') return result;
  const entry = result as Record<string, unknown>;
  if (!isNodeReference(entry.node)) return result;
  const key = `${pageId}:${entry.node.canvasId}`;
  if (entry.node.canvas) {
    extendCanvas(entry.node.canvas, services);
    canvases.set(key, entry.node.canvas);
  }
  return { ...entry, node: canvases.get(key) ?? null };
}

/** Lets the canvases of a page that has closed go. */
export function forgetCanvasNodes(pageId: number): void {
  for (const key of [...canvases.keys()]) if (key.startsWith(`${pageId}:`)) canvases.delete(key);
}
