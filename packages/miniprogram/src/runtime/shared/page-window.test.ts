import { describe, expect, it } from 'vitest';
import { pullDownStyle } from './page-window';

describe('pullDownStyle', () => {
  it('is off unless the page or app.json window sets enablePullDownRefresh to true', () => {
    expect(pullDownStyle(undefined, undefined)).toBeUndefined();
    expect(pullDownStyle({}, { enablePullDownRefresh: 'true' })).toBeUndefined();
    expect(pullDownStyle({ enablePullDownRefresh: false }, { enablePullDownRefresh: true })).toBeUndefined();
  });

  it('takes the page json over the window, with WeChat defaults', () => {
    expect(pullDownStyle({ enablePullDownRefresh: true }, undefined)).toEqual({ textStyle: 'dark', backgroundColor: '#ffffff' });
    expect(pullDownStyle({ backgroundTextStyle: 'light' }, { enablePullDownRefresh: true, backgroundColor: '#EEEEEE', backgroundTextStyle: 'dark' })).toEqual({ textStyle: 'light', backgroundColor: '#EEEEEE' });
  });

  it('ignores a background that is not a hex colour, as WeChat takes only those', () => {
    expect(pullDownStyle({ enablePullDownRefresh: true, backgroundColor: 'red;x:y' }, undefined)?.backgroundColor).toBe('#ffffff');
  });
});
