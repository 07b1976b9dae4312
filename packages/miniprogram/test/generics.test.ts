import type { Frame } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, logs, simulatorForFile, viewFrame, waitForLog } from './support/browser-harness';

let frame: Frame;

const session = simulatorForFile(`${FIXTURES}generics`);
beforeAll(async () => {
  await waitForLog(session.page, 'generics ready');
  frame = await viewFrame(session.page);
});

// Rows are found by the ids the group gives its abstract nodes (`<gid>-<item id>`).
const rowTexts = (gid: string): Promise<string[]> => frame.locator(`[id^="${gid}-"]`).evaluateAll((rows) => rows.map((row) => (row as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
const linesMatching = async (pattern: RegExp): Promise<string[]> => (await logs(session.page)).filter((line) => pattern.test(line));

describe('abstract nodes (componentGenerics)', () => {
  it('renders the implementation each user chose, per instance, with properties and slot content', async () => {
    await frame.locator('#r-c').waitFor();
    expect(await rowTexts('r')).toEqual(['○ Apple#0', '○ Banana#1', '○ Cherry#2']);
    expect(await rowTexts('c')).toEqual(['[ ] Apple#0', '[ ] Banana#1', '[ ] Cherry#2']);
    // Each implementation keeps its own isolated styles.
    expect(await frame.locator('#r-a > :first-child').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(0, 0, 255)');
    expect(await frame.locator('#c-a > :first-child').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(0, 128, 0)');
  });

  it('runs lifetimes and relations of the implementation, which sees its own path and id', async () => {
    await waitForLog(session.page, 'check attached Cherry components/custom-check/custom-check w-c');
    expect(await linesMatching(/^radio attached/)).toEqual([
      'radio attached Apple components/custom-radio/custom-radio r-a',
      'radio attached Banana components/custom-radio/custom-radio r-b',
      'radio attached Cherry components/custom-radio/custom-radio r-c',
    ]);
    expect(await linesMatching(/^check attached/)).toEqual([
      'check attached Apple components/custom-check/custom-check c-a',
      'check attached Banana components/custom-check/custom-check c-b',
      'check attached Cherry components/custom-check/custom-check c-c',
      'check attached Apple components/custom-check/custom-check w-a',
      'check attached Banana components/custom-check/custom-check w-b',
      'check attached Cherry components/custom-check/custom-check w-c',
    ]);
    expect(await linesMatching(/^group r linked radio|^radio \w+ in group/)).toEqual(expect.arrayContaining(['group r linked radio Apple', 'radio Apple in group r', 'group r linked radio Cherry', 'radio Cherry in group r']));
    // The checks group's implementation has no relation to the group, so nothing links there.
    expect(await linesMatching(/^group c linked/)).toEqual([]);
  });

  it('hands an implementation down a further level and falls back to the declared default', async () => {
    expect(await rowTexts('w')).toEqual(['[ ] Apple#0', '[ ] Banana#1', '[ ] Cherry#2']);
    expect(await frame.locator('#only-tag').innerText()).toBe('plain: default chosen');
    await waitForLog(session.page, 'plain tag attached default chosen');
  });

  it('delivers bind and catch handlers written on the abstract node to its owner', async () => {
    await frame.locator('#r-b > :first-child').click();
    await waitForLog(session.page, 'page change r b');
    // The tap bubbles out of the implementation to the catchtap on the abstract node; its own
    // tap handler's triggerEvent reaches the bindpick there.
    expect((await linesMatching(/^group r (pick|caught)|^page change/)).sort()).toEqual(['group r caught tap', 'group r pick pick Banana from b', 'page change r b']);
    // catchtap stopped the tap at the abstract node: the page saw no tap.
    expect(await linesMatching(/^page tap/)).toEqual([]);
    await frame.locator('#r-b', { hasText: '● Banana' }).waitFor();
    expect(await rowTexts('r')).toEqual(['○ Apple#0', '● Banana#1', '○ Cherry#2']);
    // The other instance of the same group is untouched.
    expect(await rowTexts('c')).toEqual(['[ ] Apple#0', '[ ] Banana#1', '[ ] Cherry#2']);
    await frame.locator('#c-c > :first-child').click();
    await waitForLog(session.page, 'page change c c');
    await frame.locator('#c-c', { hasText: '[x] Cherry' }).waitFor();
  });

  it('keeps implementation instances through a keyed reorder and detaches the removed ones', async () => {
    await frame.locator('#r-a').evaluate((el) => ((el as HTMLElement & { marked?: boolean }).marked = true));
    const attachedBefore = (await linesMatching(/attached/)).length;
    await frame.locator('#reverse').click();
    await waitForLog(session.page, 'reversed');
    await frame.locator('[id^="r-"]').first().filter({ hasText: 'Cherry' }).waitFor();
    expect(await rowTexts('r')).toEqual(['○ Cherry#0', '● Banana#1', '○ Apple#2']);
    expect(await rowTexts('w')).toEqual(['[ ] Cherry#0', '[ ] Banana#1', '[ ] Apple#2']);
    expect(await frame.locator('#r-a').evaluate((el) => (el as HTMLElement & { marked?: boolean }).marked)).toBe(true);
    expect((await linesMatching(/attached/)).length).toBe(attachedBefore);
    expect(await linesMatching(/detached/)).toEqual([]);

    await frame.locator('#drop').click();
    await waitForLog(session.page, 'dropped');
    await waitForLog(session.page, 'radio detached Cherry');
    expect(await rowTexts('r')).toEqual(['● Banana#0', '○ Apple#1']);
    expect((await linesMatching(/detached/)).sort()).toEqual(['check detached Cherry', 'check detached Cherry', 'radio detached Cherry']);
  });
});
