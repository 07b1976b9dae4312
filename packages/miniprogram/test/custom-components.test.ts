import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, logs, logsAfter, simulatorForFile, viewFrame, waitForLog } from './support/browser-harness';


const session = simulatorForFile(`${FIXTURES}conformance`, '?page=pages/components/components');
beforeAll(async () => {
  await waitForLog(session.page, 'counter ready second-counter');
});

describe('custom components', () => {
  it('runs behaviors and lifetimes in order and applies initial properties through observers', async () => {
    const lines = (await logs(session.page)).filter((line) => /^(counter|behavior|panel)/.test(line) && !line.includes('relation'));
    expect(lines).toEqual([
      'panel title observer untitled->Panel',
      'counter created',
      'behavior attached counter',
      'counter attached counter start=5',
      'counter created',
      'behavior attached second-counter',
      'counter attached second-counter start=100',
      'counter ready counter',
      'counter ready second-counter',
    ]);
    const frame = await viewFrame(session.page);
    await frame.locator('#counter wx-view').waitFor();
    expect(await frame.locator('#counter').innerText()).toBe('count 5 doubled 10');
    expect(await frame.locator('#second-counter').innerText()).toBe('count 100 doubled 200');
  });

  it('distributes named and default slots, rendered with the page data', async () => {
    const frame = await viewFrame(session.page);
    expect(await frame.locator('#panel').innerText()).toBe('Panel\nheader Panel\ndefault slot 1');
  });

  it('isolates component styles from the page and the page from the component', async () => {
    const frame = await viewFrame(session.page);
    expect(await frame.locator('#panel-title').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(255, 0, 0)');
    expect(await frame.locator('wx-view.title').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(0, 0, 0)');
  });

  it('delivers triggerEvent to the owner with detail and the host as currentTarget', async () => {
    await (await viewFrame(session.page)).locator('#counter wx-view').click();
    await waitForLog(session.page, 'page got changed');
    const line = (await logs(session.page)).find((entry) => entry.startsWith('page got changed'));
    expect(line).toBe('page got changed {"value":6,"text":"counter 6"} from counter');
    // The counter's own update and the event travel separately; wait for the view to show it.
    await (await viewFrame(session.page)).locator('#counter', { hasText: 'count 6 doubled 12' }).waitFor();
  });

  it('passes changed properties to observers and re-renders slot content', async () => {
    await (await viewFrame(session.page)).locator('#retitle').click();
    await waitForLog(session.page, 'panel title observer Panel->Renamed');
    const frame = await viewFrame(session.page);
    await frame.locator('text=default slot 2').waitFor();
    expect(await frame.locator('#panel').innerText()).toBe('Renamed\nheader Renamed\ndefault slot 2');
    await frame.locator('text=count 7 doubled 14').waitFor();
  });

  it('links relations between a component and the components in its slot, both ways', async () => {
    await waitForLog(session.page, 'list linked b count=2');
    const lines = (await logs(session.page)).filter((line) => line.startsWith('list ') || line.startsWith('item '));
    expect(lines).toEqual(['item a linked to components/rel-list/rel-list', 'list linked a count=1', 'item b linked to components/rel-list/rel-list', 'list linked b count=2']);
    await (await viewFrame(session.page)).locator('#drop-item').click();
    await waitForLog(session.page, 'list unlinked b');
  });

  it('maps externalClasses to the class the owner passes, styled by the owner', async () => {
    const frame = await viewFrame(session.page);
    expect(await frame.locator('#list-box').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(0, 128, 0)');
    expect(await frame.locator('#list-box').getAttribute('class')).toMatch(/^green-text rel-list_[0-9a-f]{5}__box$/);
  });

  it('retargets taps from inside a component to its host, and leaves slot content as the target', async () => {
    const frame = await viewFrame(session.page);
    await frame.locator('#panel-title').click();
    await waitForLog(session.page, 'titletap reached wrapper');
    await frame.locator('#slot-header').click();
    await waitForLog(session.page, 'panel tap target=slot-header');
    const lines = (await logs(session.page)).filter((line) => /^(panel tap|titletap|localtap)/.test(line));
    expect(lines).toEqual([
      'panel tap target=panel {"name":"p"} current=panel',
      // Without composed, a bubbling event still bubbles in the tree that holds the component.
      'localtap bubbled in the page tree, target=panel',
      'titletap reached wrapper, target=panel',
      'panel tap target=slot-header {} current=panel',
    ]);
  });

  it('selectComponent finds components of the page by id and calls their methods', async () => {
    await (await viewFrame(session.page)).locator('#pick').click();
    await waitForLog(session.page, 'picked counter');
    expect((await logs(session.page)).find((line) => line.startsWith('picked '))).toMatch(/^picked counter \d+ all=2 none=null$/);
  });

  it("a component's createSelectorQuery finds its own scoped classes, which the page's does not", async () => {
    await (await viewFrame(session.page)).locator('#measure').click();
    await waitForLog(session.page, 'counter rect true');
    await waitForLog(session.page, 'page sees the counter class: false');
  });

  it('a share button asks the page for its share card and the host shows it', async () => {
    await (await viewFrame(session.page)).locator('#share').click();
    await waitForLog(session.page, 'share from button btn');
    await session.page.locator('.tsr-toast', { hasText: 'Shared: Components page' }).waitFor();
  });

  it('a getPhoneNumber button lets the host ask and gives the handler a code or the refusal', async () => {
    const frame = await viewFrame(session.page);
    await frame.locator('#phone').click();
    await session.page.locator('.tsr-modal button', { hasText: 'Allow' }).click();
    await waitForLog(session.page, 'phone getPhoneNumber:ok with code');
    await frame.locator('#phone').click();
    await session.page.locator('.tsr-modal button', { hasText: 'Deny' }).click();
    await waitForLog(session.page, 'phone getPhoneNumber:fail user deny no code');
  });

  it('lets page styles reach inside a component that sets addGlobalClass, and only that one', async () => {
    const frame = await viewFrame(session.page);
    expect(await frame.locator('rel-item wx-text >> nth=0').evaluate((el) => getComputedStyle(el).fontStyle)).toBe('italic');
    expect(await frame.locator('#panel-title').evaluate((el) => getComputedStyle(el).fontStyle)).toBe('normal');
  });

  it('detaches a component removed by wx:if', async () => {
    await (await viewFrame(session.page)).locator('#toggle').click();
    expect(await logsAfter(session.page, 'counter detached', 'counter detached second-counter')).toEqual(['counter detached second-counter']);
    expect(await (await viewFrame(session.page)).locator('#second-counter').count()).toBe(0);
  });
});
