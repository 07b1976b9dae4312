import { describe, expect, it } from 'vitest';
import { compileWxss, convertRpx, scopeSelector } from './wxss-compiler';
import { resolveProjectPath } from './project-files';

describe('WXSS', () => {
  it('converts rpx to viewport width units (750rpx = 100vw)', () => {
    expect(convertRpx('width: 750rpx; margin: -15rpx .75rpx')).toBe('width: 100vw; margin: -2vw 0.1vw');
  });

  it('maps built-in element selectors and page, leaving classes, ids and pseudo-elements', () => {
    expect(scopeSelector('page, view .title > text::before, #main image:nth-child(2n+1)', '')).toBe('body, wx-view .title > wx-text::before, #main wx-image:nth-child(2n+1)');
  });

  it('prefixes classes of isolated component styles', () => {
    expect(scopeSelector('.card .title, view.item', 'card_1__')).toBe('.card_1__card .card_1__title, wx-view.card_1__item');
  });

  it('inlines @import once, converts rpx inside @media and leaves @keyframes selectors alone', () => {
    const files: Record<string, string> = {
      'app.wxss': '@import "styles/base.wxss";\n@media (min-width: 400px) { .a { width: 375rpx } }\n@keyframes spin { from { left: 0rpx } to { left: 75rpx } }',
      'styles/base.wxss': '@import "../app.wxss"; view { padding: 30rpx }',
    };
    const css = compileWxss('app.wxss', { read: (path) => files[path], resolve: (src, from) => resolveProjectPath(src, from, '.wxss'), classPrefix: '' });
    expect(css).toContain('wx-view{ padding: 4vw }');
    expect(css).toContain('@media (min-width: 400px){.a{ width: 50vw }');
    expect(css).toContain('@keyframes spin{from{ left: 0vw }');
    expect(css.match(/wx-view/g)).toHaveLength(1);
  });

  it('reports a missing @import with its position', () => {
    expect(() => compileWxss('a.wxss', { read: (path) => (path === 'a.wxss' ? '\n@import "missing.wxss";' : undefined), resolve: (src, from) => resolveProjectPath(src, from, '.wxss'), classPrefix: '' })).toThrow(/missing\.wxss does not exist/);
  });
});
