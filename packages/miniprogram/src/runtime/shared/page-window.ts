/** How a page that can be pulled down to refresh draws what the pull reveals. */
export interface PullDownStyle {
  /** The three dots: `dark` or `light`. */
  textStyle: 'dark' | 'light';
  /** The window background the pull uncovers. */
  backgroundColor: string;
}

/**
 * A page's pull-down refresh settings: its json's `enablePullDownRefresh`, `backgroundTextStyle`
 * and `backgroundColor` over app.json `window`'s, as WeChat reads them. Undefined when the page
 * cannot be pulled (only the boolean true turns it on).
 */
export function pullDownStyle(page: Record<string, unknown> | undefined, window: Record<string, unknown> | undefined): PullDownStyle | undefined {
  const pick = (key: string): unknown => page?.[key] ?? window?.[key];
  if (pick('enablePullDownRefresh') !== true) return undefined;
  const background = pick('backgroundColor');
  return {
    textStyle: pick('backgroundTextStyle') === 'light' ? 'light' : 'dark',
    backgroundColor: typeof background === 'string' && /^#[0-9a-f]{3,8}$/i.test(background) ? background : '#ffffff',
  };
}
