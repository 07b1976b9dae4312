import { CompileError, positionAt } from './compile-error';

/** An attribute as written, with the offset of its value for error positions. */
export interface WxmlAttribute {
  name: string;
  /** `true` for a bare attribute (`<view hidden>`). */
  value: string | true;
  valueOffset: number;
}

/** An element node of a parsed WXML file. */
export interface WxmlElement {
  kind: 'element';
  tag: string;
  attributes: WxmlAttribute[];
  children: WxmlNode[];
  offset: number;
  /** Raw inner text, kept for `<wxs>` whose body is a script. */
  rawText?: string;
  rawOffset?: number;
}

/** A text node; may contain `{{ }}` bindings. */
export interface WxmlText {
  kind: 'text';
  text: string;
  offset: number;
}

/** Any node of a parsed WXML file. */
export type WxmlNode = WxmlElement | WxmlText;

// Tags WeChat developers commonly leave open; closing them implicitly keeps real projects compiling.
const VOID_TAGS = new Set(['input', 'image', 'icon', 'import', 'include', 'progress', 'switch', 'slider', 'checkbox', 'radio']);

/**
 * Parses WXML into a tree. WXML is HTML-like but case-sensitive, has no entities beyond the
 * basic five, and treats `{{ }}` as opaque so `<` and `>` may appear inside bindings.
 */
export function parseWxml(source: string, file: string): WxmlNode[] {
  const root: WxmlElement = { kind: 'element', tag: '#root', attributes: [], children: [], offset: 0 };
  const stack: WxmlElement[] = [root];
  let index = 0;
  const fail = (message: string, at: number): never => {
    throw new CompileError('bad_wxml', message, positionAt(file, source, at), source);
  };
  const current = (): WxmlElement => stack[stack.length - 1] as WxmlElement;

  while (index < source.length) {
    if (source.startsWith('<!--', index)) {
      const end = source.indexOf('-->', index + 4);
      if (end < 0) fail('unterminated comment', index);
      index = end + 3;
      continue;
    }
    if (source.startsWith('</', index)) {
      const end = source.indexOf('>', index);
      if (end < 0) fail('unterminated closing tag', index);
      const tag = source.slice(index + 2, end).trim();
      closeTag(tag, index);
      index = end + 1;
      continue;
    }
    if (source[index] === '<' && /[A-Za-z]/.test(source[index + 1] ?? '')) {
      index = parseOpenTag(index);
      continue;
    }
    index = parseText(index);
  }
  if (stack.length > 1) fail(`<${current().tag}> is never closed`, current().offset);
  return root.children;

  function closeTag(tag: string, at: number): void {
    while (stack.length > 1 && current().tag !== tag && VOID_TAGS.has(current().tag)) stack.pop();
    if (stack.length <= 1 || current().tag !== tag) {
      fail(stack.length > 1 ? `expected </${current().tag}> but found </${tag}>` : `unexpected </${tag}>`, at);
    }
    stack.pop();
  }

  function parseText(start: number): number {
    let position = start;
    while (position < source.length) {
      if (source.startsWith('{{', position)) {
        const end = source.indexOf('}}', position + 2);
        if (end < 0) fail('unterminated {{ binding', position);
        position = end + 2;
        continue;
      }
      if (source[position] === '<' && (source[position + 1] === '/' || source[position + 1] === '!' || /[A-Za-z]/.test(source[position + 1] ?? ''))) break;
      position++;
    }
    const text = source.slice(start, position);
    if (text.trim()) current().children.push({ kind: 'text', text: decodeEntities(text), offset: start });
    return position;
  }

  function parseOpenTag(start: number): number {
    const nameMatch = /^<([A-Za-z][\w\-:.]*)/.exec(source.slice(start, start + 200));
    const tag = nameMatch?.[1] ?? fail('bad tag name', start);
    let position = start + 1 + tag.length;
    const element: WxmlElement = { kind: 'element', tag, attributes: [], children: [], offset: start };
    for (;;) {
      while (/\s/.test(source[position] ?? '')) position++;
      if (position >= source.length) fail(`<${tag}> is not terminated`, start);
      if (source.startsWith('/>', position)) {
        current().children.push(element);
        return position + 2;
      }
      if (source[position] === '>') {
        position++;
        break;
      }
      position = parseAttribute(element, position);
    }
    current().children.push(element);
    if (tag === 'wxs') {
      // A wxs body is script text; `<` inside it must not start a tag.
      const end = source.indexOf('</wxs>', position);
      if (end < 0) fail('<wxs> is never closed', start);
      element.rawText = source.slice(position, end);
      element.rawOffset = position;
      return end + '</wxs>'.length;
    }
    stack.push(element);
    return position;
  }

  function parseAttribute(element: WxmlElement, start: number): number {
    const match = /^[^\s=/>"']+/.exec(source.slice(start, start + 300));
    if (!match) fail(`unexpected character "${source[start]}" in <${element.tag}>`, start);
    const name = (match as RegExpExecArray)[0];
    let position = start + name.length;
    while (/\s/.test(source[position] ?? '')) position++;
    if (source[position] !== '=') {
      element.attributes.push({ name, value: true, valueOffset: start });
      return position;
    }
    position++;
    while (/\s/.test(source[position] ?? '')) position++;
    const quote = source[position];
    if (quote === '"' || quote === "'") {
      const end = findQuoteEnd(position + 1, quote);
      element.attributes.push({ name, value: decodeEntities(source.slice(position + 1, end)), valueOffset: position + 1 });
      return end + 1;
    }
    const bare = /^[^\s>]+/.exec(source.slice(position, position + 1000));
    const value = bare?.[0] ?? '';
    element.attributes.push({ name, value, valueOffset: position });
    return position + value.length;
  }

  function findQuoteEnd(from: number, quote: string): number {
    let position = from;
    while (position < source.length) {
      // Quotes inside a binding belong to the expression: class="{{ a ? "x" : "y" }}" is legal WXML.
      if (source.startsWith('{{', position)) {
        const end = source.indexOf('}}', position + 2);
        if (end < 0) fail('unterminated {{ binding', position);
        position = end + 2;
        continue;
      }
      if (source[position] === quote) return position;
      position++;
    }
    return fail('unterminated attribute value', from - 1);
  }
}

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&apos;': "'", '&nbsp;': '\u00a0' };

function decodeEntities(text: string): string {
  return text.includes('&') ? text.replace(/&(lt|gt|amp|quot|apos|nbsp);/g, (entity) => ENTITIES[entity] ?? entity) : text;
}
