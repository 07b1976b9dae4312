import type { Frame } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, logs, screenshotPixel, simulatorForFile, viewFrame, waitForLog } from './support/browser-harness';

let frame: Frame;

const session = simulatorForFile(`${FIXTURES}conformance`, '?page=pages/forms/forms');
beforeAll(async () => {
  frame = await viewFrame(session.page);
  await frame.locator('#name input').waitFor();
});

describe('built-in components', () => {
  it('input sends bindinput with the value and setData round-trips it', async () => {
    await frame.locator('#name input').fill('Bea');
    await waitForLog(session.page, 'input Bea');
    await frame.locator('#echo', { hasText: 'Bea' }).waitFor();
    expect(await frame.locator('#name input').getAttribute('placeholder')).toBe('Your name');
  });

  it('switch, checkbox-group and radio-group fire change with WeChat details', async () => {
    await frame.locator('#agree').click();
    await waitForLog(session.page, 'switch false');
    await frame.locator('#cb-apple').click();
    await waitForLog(session.page, 'checkbox ["apple","pear"]');
    await frame.locator('#r-s').click();
    await waitForLog(session.page, 'radio s');
    expect(await frame.locator('#r-m').evaluate((el) => el.classList.contains('wx-checked'))).toBe(false);
  });

  it('label taps toggle the control they wrap', async () => {
    // The click lands on the label itself, not on the checkbox inside it.
    await frame.locator('wx-label', { hasText: 'Pear' }).dispatchEvent('click');
    await waitForLog(session.page, 'checkbox ["apple"]');
  });

  it('picker selector reports the chosen index', async () => {
    await frame.locator('#picker select').selectOption('2');
    await waitForLog(session.page, 'picker 2');
    await frame.locator('#picker', { hasText: 'Shenzhen' }).waitFor();
  });

  it('slider reports its value on change', async () => {
    await frame.locator('#slider input').fill('30');
    await waitForLog(session.page, 'slider 30');
    expect(await frame.locator('#slider .wx-slider-value').innerText()).toBe('30');
  });

  it('form submit collects every named control; reset clears them', async () => {
    await frame.locator('#submit').click();
    await waitForLog(session.page, 'submit ');
    const line = (await logs(session.page)).find((entry) => entry.startsWith('submit ')) ?? '';
    expect(JSON.parse(line.slice('submit '.length))).toEqual({ name: 'Bea', agree: false, fruits: ['apple'], size: 's', city: 2, volume: 30 });
    await frame.locator('#reset').click();
    await waitForLog(session.page, 'reset');
    expect(await frame.locator('#name input').inputValue()).toBe('');
  });

  it('image loads package files and reports their size; modes map to object-fit', async () => {
    await waitForLog(session.page, 'image 20x10');
    expect(await frame.locator('#img img').evaluate((img) => getComputedStyle(img).objectFit)).toBe('contain');
    // A relative src resolves against the page's folder, as in WeChat.
    await waitForLog(session.page, 'relative image 20');
    expect(await frame.locator('#icon-rpx').evaluate((el) => [getComputedStyle(el).fontSize, document.documentElement.clientWidth / 10 + 'px'])).toSatisfy(([size, tenth]) => size === tenth);
  });

  it('rich-text renders allowed markup only: no scripts, handlers or unsafe URLs', async () => {
    const html = await frame.locator('#rich').innerHTML();
    expect(html).toBe('<b>bold</b><img><i>it</i>');
  });

  it('progress shows its percentage; primary buttons use WeChat green', async () => {
    expect(await frame.locator('#progress .wx-progress-inner').evaluate((el) => (el as HTMLElement).style.width)).toBe('40%');
    expect(await frame.locator('#progress').innerText()).toBe('40%');
    expect(await frame.locator('#submit').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(7, 193, 96)');
    // What a person sees: the button's face (away from its label) is WeChat green on screen.
    const shot = await frame.locator('#submit').screenshot();
    expect(await screenshotPixel(session.page, shot, 6, 20)).toEqual([7, 193, 96, 255]);
  });

  it('scroll-view fires scrolltolower near its end', async () => {
    await frame.locator('#scroller').evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await waitForLog(session.page, 'scrolltolower');
  });
});
