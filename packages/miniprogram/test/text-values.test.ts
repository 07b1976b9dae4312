import type { Frame } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FIXTURES, simulatorForFile, viewFrame } from './support/browser-harness';

/**
 * Values as a published film list prints them: an API's one-entry `pubdate` array put straight
 * into text, a wxs helper returning an array, and loading/end partials toggled by `wx:if` on the
 * `<include>` itself, named by an absolute path without `.wxml`.
 */
const session = simulatorForFile(`${FIXTURES}text-values`);

const text = (frame: Frame, selector: string): Promise<string> => frame.locator(selector).innerText();

describe('values interpolated into text', () => {
  it('prints an array as WeChat does ({{[1,2,3]}} shows 1,2,3), not as JSON', async () => {
    const frame = await viewFrame(session.page);
    await frame.waitForSelector('.release');
    expect(await text(frame, '.release')).toBe('2024-05-01 (Mainland)');
    expect(await text(frame, '.cast')).toBe('Cast: Ana,Lin,Mei');
    expect(await text(frame, '.grid')).toBe('1,2,3');
    expect(await text(frame, '.gaps')).toBe('a,,b');
    expect(await text(frame, '.none')).toBe('[]');
    expect(await text(frame, '.initials')).toBe('A,L,M');
    // Objects keep the JSON form the simulator has always shown.
    expect(await text(frame, '.facts')).toBe('{"runtime":118}');
  });

  it('honours wx:if on an <include> whose src has no extension', async () => {
    const frame = await viewFrame(session.page);
    expect(await frame.locator('.spinner').count()).toBe(1);
    expect(await frame.locator('.done').count()).toBe(0);
    await frame.locator('.finish').click();
    await frame.waitForSelector('.done');
    expect(await frame.locator('.spinner').count()).toBe(0);
    expect(await text(frame, '.done')).toBe('3 names');
  });
});
