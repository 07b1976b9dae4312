import type { Frame } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, logs, simulatorForFile, viewFrame, waitForLog } from './support/browser-harness';

let frame: Frame;

const session = simulatorForFile(`${FIXTURES}composition`, '?page=pages/video/video');
beforeAll(async () => {
  await waitForLog(session.page, 'video ready');
  frame = await viewFrame(session.page);
  await frame.waitForFunction(() => (document.querySelector('#clip video') as HTMLVideoElement | null)?.readyState === 4);
});

const videoState = (): Promise<{ paused: boolean; time: number }> =>
  frame.locator('#clip video').evaluate((element) => {
    const video = element as HTMLVideoElement;
    return { paused: video.paused, time: video.currentTime };
  });

describe('wx.createVideoContext', () => {
  it('plays and pauses the <video> with that id, and the page hears bindplay and bindpause', async () => {
    expect((await videoState()).paused).toBe(true);
    await frame.locator('#play').click();
    await waitForLog(session.page, 'video play event');
    expect((await videoState()).paused).toBe(false);
    await frame.locator('#pause').click();
    await waitForLog(session.page, 'video pause event pause');
    expect((await videoState()).paused).toBe(true);
  });

  it('seeks to a position in seconds, reported through bindtimeupdate', async () => {
    await frame.locator('#seek').click();
    await waitForLog(session.page, 'video at 2');
    const state = await videoState();
    expect(state.time).toBeGreaterThanOrEqual(2);
    expect(state.time).toBeLessThan(3);
  });

  it('a context for an id with no video does nothing and raises nothing', async () => {
    await frame.locator('#missing').click();
    await waitForLog(session.page, 'missing video ignored');
    expect((await logs(session.page)).filter((line) => /error|not supported|fail/i.test(line))).toEqual([]);
  });
});
