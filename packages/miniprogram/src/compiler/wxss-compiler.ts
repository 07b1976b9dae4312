import { convertRpx } from '../runtime/shared/rpx';
import { CompileError, positionAt } from './compile-error';

export { convertRpx };

/** Built-in component tags; WXSS element selectors for them target the `wx-` elements the view renders. */
export const BUILT_IN_TAGS = new Set([
  'view', 'text', 'image', 'button', 'input', 'textarea', 'checkbox', 'checkbox-group', 'radio', 'radio-group', 'switch', 'slider',
  'picker', 'form', 'label', 'navigator', 'scroll-view', 'swiper', 'swiper-item', 'icon', 'progress', 'rich-text', 'web-view',
  'canvas', 'video', 'block', 'cover-view', 'cover-image', 'movable-area', 'movable-view', 'map', 'picker-view', 'picker-view-column',
]);

/** How to read `@import`ed files and how to scope the result. */
export interface WxssOptions {
  /** Reads a project file, or returns undefined when it does not exist. */
  read(path: string): string | undefined;
  resolve(src: string, fromFile: string): string;
  /** Class prefix for an isolated component's styles; empty for app and page styles. */
  classPrefix: string;
}


/** Compiles a WXSS file (and the files it imports) to CSS. */
export function compileWxss(file: string, options: WxssOptions, seen: Set<string> = new Set()): string {
  const source = options.read(file);
  if (source === undefined) throw new CompileError('missing_file', `${file} does not exist`);
  seen.add(file);
  return transformRules(stripComments(source), file, source, options, seen, false);
}

function stripComments(text: string): string {
  // Keep newlines so offsets in error messages still land on the right line.
  return text.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '));
}

function transformRules(text: string, file: string, source: string, options: WxssOptions, seen: Set<string>, inKeyframes: boolean): string {
  let out = '';
  let index = 0;
  while (index < text.length) {
    const braceOrSemicolon = findNext(text, index, ['{', ';', '}']);
    if (braceOrSemicolon < 0) {
      out += text.slice(index);
      break;
    }
    const prelude = text.slice(index, braceOrSemicolon).trim();
    const stop = text[braceOrSemicolon];
    if (stop === '}') {
      throw new CompileError('bad_wxss', 'unexpected "}"', positionAt(file, source, braceOrSemicolon), source);
    }
    if (stop === ';') {
      out += statement(prelude, file, source, braceOrSemicolon, options, seen);
      index = braceOrSemicolon + 1;
      continue;
    }
    const close = matchingBrace(text, braceOrSemicolon);
    if (close < 0) throw new CompileError('bad_wxss', `"{" is never closed`, positionAt(file, source, braceOrSemicolon), source);
    const body = text.slice(braceOrSemicolon + 1, close);
    if (/^@(media|supports|document)\b/.test(prelude)) {
      out += `${prelude}{${transformRules(body, file, source, options, seen, false)}}\n`;
    } else if (/^@(-webkit-)?keyframes\b/.test(prelude)) {
      out += `${prelude}{${transformRules(body, file, source, options, seen, true)}}\n`;
    } else if (prelude.startsWith('@') || inKeyframes) {
      out += `${prelude}{${convertRpx(body)}}\n`;
    } else {
      out += `${scopeSelector(prelude, options.classPrefix)}{${convertRpx(body)}}\n`;
    }
    index = close + 1;
  }
  return out;
}

function statement(prelude: string, file: string, source: string, offset: number, options: WxssOptions, seen: Set<string>): string {
  const imported = /^@import\s+(?:url\()?\s*["']?([^"')]+)["']?\s*\)?/.exec(prelude);
  if (!imported) return prelude ? `${prelude};\n` : '';
  const target = options.resolve(imported[1] as string, file);
  if (seen.has(target)) return '';
  if (options.read(target) === undefined) {
    throw new CompileError('missing_file', `@import "${imported[1]}": ${target} does not exist`, positionAt(file, source, offset - prelude.length), source);
  }
  return compileWxss(target, options, seen);
}

function findNext(text: string, from: number, stops: string[]): number {
  let quote = '';
  for (let index = from; index < text.length; index++) {
    const char = text[index] as string;
    if (quote) {
      if (char === quote && text[index - 1] !== '\\') quote = '';
    } else if (char === '"' || char === "'") quote = char;
    else if (stops.includes(char)) return index;
  }
  return -1;
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let index = open; index < text.length; index++) {
    const next = findNext(text, index, ['{', '}']);
    if (next < 0) return -1;
    depth += text[next] === '{' ? 1 : -1;
    if (depth === 0) return next;
    index = next;
  }
  return -1;
}

/** Maps element selectors to the rendered tags and prefixes classes for isolated components. */
export function scopeSelector(selector: string, classPrefix: string): string {
  let result = selector.replace(/(^|[\s>+~(,])([a-z][a-z0-9-]*)(?=$|[\s.#:[>+~),])/g, (match, before: string, tag: string) => {
    if (tag === 'page') return `${before}body`;
    return BUILT_IN_TAGS.has(tag) ? `${before}wx-${tag}` : match;
  });
  if (classPrefix) result = result.replace(/\.(-?[_a-zA-Z][\w-]*)/g, (_, name: string) => `.${classPrefix}${name}`);
  return result;
}
