import type { Frame } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FIXTURES, mouseDrag, inLogic, logs, simulatorForFile, viewFrame, waitForLog } from './support/browser-harness';

/**
 * `<swiper vertical>` slides up and down, follows vertical swipes and stacks its indicator dots
 * down the right edge as WeChat draws them; `display-multiple-items` shows several items at once,
 * each a share of the swiper, and stops where the last item reaches the far edge.
 */
const session = simulatorForFile(`${FIXTURES}swiper-layout`);

/** Drags the mouse across `selector` from its centre by (dx, dy), in steps, as a person would. */
function drag(frame: Frame, selector: string, dx: number, dy: number): Promise<void> {
  return mouseDrag(session.page, frame, selector, dx, dy);
}

async function boxes(frame: Frame, selector: string): Promise<Array<{ x: number; y: number; width: number; height: number }>> {
  return frame.locator(selector).evaluateAll((elements) => elements.map((element) => {
    const rect = element.getBoundingClientRect();
    return { x: Math.round(rect.x), y: Math.round(rect.y), width: Math.round(rect.width), height: Math.round(rect.height) };
  }));
}

async function setData(patch: Record<string, unknown>): Promise<void> {
  await inLogic(session.page, `new Promise((resolve) => getCurrentPages()[getCurrentPages().length - 1].setData(${JSON.stringify(patch)}, resolve))`);
}

const transform = (frame: Frame, id: string): Promise<string> => frame.locator(`#${id} .wx-swiper-track`).evaluate((track) => (track as HTMLElement).style.transform);

describe('swiper vertical and display-multiple-items', () => {
  it('stacks a vertical swiper\'s items and its dots down the right edge', async () => {
    const frame = await viewFrame(session.page);
    await frame.locator('#upright .slide').first().waitFor();
    const [swiper] = await boxes(frame, '#upright');
    const items = await boxes(frame, '#upright wx-swiper-item');
    expect(items.map((item) => [item.x - (swiper?.x ?? 0), item.y - (swiper?.y ?? 0), item.width, item.height])).toEqual([[0, 0, 300, 180], [0, 180, 300, 180], [0, 360, 300, 180]]);
    const dots = await boxes(frame, '#upright .wx-dot');
    expect(dots).toHaveLength(3);
    // One column of dots, near the right edge and centred from top to bottom.
    expect(new Set(dots.map((dot) => dot.x)).size).toBe(1);
    expect((dots[1]?.y ?? 0) > (dots[0]?.y ?? 0) && (dots[2]?.y ?? 0) > (dots[1]?.y ?? 0)).toBe(true);
    const right = (swiper?.x ?? 0) + (swiper?.width ?? 0);
    expect(right - ((dots[0]?.x ?? 0) + (dots[0]?.width ?? 0))).toBeLessThanOrEqual(12);
    const middle = ((dots[0]?.y ?? 0) + (dots[2]?.y ?? 0) + (dots[2]?.height ?? 0)) / 2;
    expect(Math.abs(middle - ((swiper?.y ?? 0) + (swiper?.height ?? 0) / 2))).toBeLessThanOrEqual(2);
  });

  it('moves a vertical swiper with swipes up and down, not sideways', async () => {
    const frame = await viewFrame(session.page);
    await drag(frame, '#upright', -120, 0);
    await drag(frame, '#upright', 0, -80);
    await waitForLog(session.page, 'upright 1 touch');
    expect(await transform(frame, 'upright')).toBe('translateY(-100%)');
    expect(await frame.locator('#upright .wx-dot').nth(1).getAttribute('class')).toContain('wx-dot-active');
    await drag(frame, '#upright', 0, 80);
    await waitForLog(session.page, 'upright 0 touch');
    expect(await transform(frame, 'upright')).toBe('translateY(0%)');
    // The sideways drag moved nothing.
    expect((await logs(session.page)).filter((line) => line.startsWith('upright '))).toEqual(['upright 1 touch', 'upright 0 touch']);
  });

  it('shows display-multiple-items items side by side, each a share of the swiper', async () => {
    const frame = await viewFrame(session.page);
    const [swiper] = await boxes(frame, '#several');
    const items = await boxes(frame, '#several wx-swiper-item');
    expect(items.map((item) => [item.x - (swiper?.x ?? 0), item.width, item.height])).toEqual([[0, 150, 180], [150, 150, 180], [300, 150, 180], [450, 150, 180]]);
    // Four items two at a time: three places to stand, three dots.
    expect(await frame.locator('#several .wx-dot').count()).toBe(3);
    await setData({ several: 1 });
    expect(await transform(frame, 'several')).toBe('translateX(-50%)');
    // Once slid, the second item stands at the swiper's left edge.
    await frame.waitForFunction(() => Math.round((document.querySelector('#several wx-swiper-item:nth-child(2)') as HTMLElement).getBoundingClientRect().x) === Math.round((document.querySelector('#several') as HTMLElement).getBoundingClientRect().x));
  });

  it('stops display-multiple-items where the last item reaches the edge', async () => {
    const frame = await viewFrame(session.page);
    await drag(frame, '#several', -120, 0);
    await waitForLog(session.page, 'several 2 touch');
    expect(await transform(frame, 'several')).toBe('translateX(-100%)');
    await drag(frame, '#several', -120, 0);
    await drag(frame, '#several', 120, 0);
    await waitForLog(session.page, 'several 1 touch');
    // The swipe past the end changed nothing.
    expect((await logs(session.page)).filter((line) => line.startsWith('several '))).toEqual(['several 2 touch', 'several 1 touch']);
  });

  it('shares a vertical swiper\'s height among display-multiple-items', async () => {
    const frame = await viewFrame(session.page);
    const [swiper] = await boxes(frame, '#column');
    const items = await boxes(frame, '#column wx-swiper-item');
    expect(items.map((item) => [item.y - (swiper?.y ?? 0), item.width, item.height])).toEqual([[0, 300, 60], [60, 300, 60], [120, 300, 60], [180, 300, 60]]);
  });
});
