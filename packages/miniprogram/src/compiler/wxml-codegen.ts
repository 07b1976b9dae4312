import { unsupportedBuiltInAttribute } from './builtin-attributes';
import { CompileError, positionAt } from './compile-error';
import { compileExpression, compileValue, hasBinding, splitBindings, type ExpressionSource } from './expression-compiler';
import type { WxmlAttribute, WxmlElement, WxmlNode } from './wxml-parser';

/** A parsed WXML file together with its text, for includes and error positions. */
export interface WxmlSourceFile {
  file: string;
  source: string;
  nodes: WxmlNode[];
}

/** What the code generator needs to know about the project around one file. */
export interface WxmlCodegenOptions {
  /** Tag name -> component path (without extension) from usingComponents. */
  components: Record<string, string>;
  /**
   * Abstract nodes the file's component declares (componentGenerics): name -> default
   * component path, or undefined when it has none.
   */
  generics?: Record<string, string | undefined>;
  /** The abstract nodes a used component declares, by its path. */
  genericsOf?(path: string): Record<string, string | undefined>;
  /** Loads and parses a WXML file by project path, for `<include>`. */
  loadWxml(path: string, from: WxmlSourceFile, offset: number): WxmlSourceFile;
  /** Resolves a `src` attribute against the file it appears in, to a project path. */
  resolve(src: string, fromFile: string, extension: '.wxml' | '.wxs'): string;
}

/** A `<wxs>` module the file declares: inline code or a reference to a `.wxs` file. */
export interface WxsDeclaration {
  name: string;
  /** Project path of the .wxs file, or a synthetic id for inline modules. */
  id: string;
  inlineCode?: string;
}

/** The compiled form of one WXML file. */
export interface CompiledWxml {
  /** A JavaScript object literal: `{ i: imports, w: wxs, t: templates, r: render, l: row lists }`. */
  code: string;
  imports: string[];
  wxs: WxsDeclaration[];
}

const EVENT_ATTRIBUTE = /^(capture-catch|capture-bind|mut-bind|bind|catch)(:?)(.+)$/;
const DIRECTIVES = new Set(['wx:if', 'wx:elif', 'wx:else', 'wx:for', 'wx:for-items', 'wx:for-item', 'wx:for-index', 'wx:key']);

/**
 * Turns a parsed WXML file into render code. Render functions take a scope object `s` (data plus
 * loop variables plus wxs modules, on a null prototype) and the view runtime's helper object `h`,
 * and return an array of virtual nodes.
 */
export function generateWxml(file: WxmlSourceFile, options: WxmlCodegenOptions): CompiledWxml {
  let counter = 0;
  const next = (): number => ++counter;
  const imports: string[] = [];
  const wxs: WxsDeclaration[] = [];
  const templates: string[] = [];
  const includeStack: string[] = [file.file];

  collectTopLevel(file);
  const render = `function (s0, h) { const o = []; ${genNodes(file.nodes, file, 's0', 'o', undefined)} return o; }`;
  const rowLists = JSON.stringify(rowListNames(render));
  const code = `{ i: ${JSON.stringify(imports)}, w: ${JSON.stringify(Object.fromEntries(wxs.map((m) => [m.name, m.id])))}, t: {${templates.join(', ')}}, r: ${render}, l: ${rowLists} }`;
  return { code, imports, wxs };

  function fail(message: string, from: WxmlSourceFile, offset: number): never {
    throw new CompileError('bad_wxml', message, positionAt(from.file, from.source, offset), from.source);
  }

  function where(from: WxmlSourceFile, offset: number): ExpressionSource {
    return { file: from.file, source: from.source, offset };
  }

  function attribute(element: WxmlElement, name: string): WxmlAttribute | undefined {
    return element.attributes.find((entry) => entry.name === name);
  }

  function collectTopLevel(from: WxmlSourceFile): void {
    for (const node of from.nodes) {
      if (node.kind !== 'element') continue;
      if (node.tag === 'import') {
        const src = attribute(node, 'src');
        if (!src || src.value === true) fail('<import> needs a src', from, node.offset);
        imports.push(options.resolve(String(src.value), from.file, '.wxml'));
      } else if (node.tag === 'template' && attribute(node, 'name')) {
        const name = String(attribute(node, 'name')?.value);
        templates.push(`${JSON.stringify(name)}: function (s0, h) { const o = []; ${genNodes(node.children, from, 's0', 'o', undefined)} return o; }`);
      } else if (node.tag === 'wxs') {
        const moduleName = attribute(node, 'module');
        if (!moduleName || moduleName.value === true) fail('<wxs> needs a module name', from, node.offset);
        const src = attribute(node, 'src');
        if (src && src.value !== true) {
          wxs.push({ name: String(moduleName.value), id: options.resolve(String(src.value), from.file, '.wxs') });
        } else {
          wxs.push({ name: String(moduleName.value), id: `${from.file}#${String(moduleName.value)}`, inlineCode: node.rawText ?? '' });
        }
      }
    }
  }

  function genNodes(nodes: WxmlNode[], from: WxmlSourceFile, scope: string, out: string, key: string | undefined): string {
    let code = '';
    for (let index = 0; index < nodes.length; index++) {
      const node = nodes[index] as WxmlNode;
      const childKey = key === undefined ? undefined : nodes.length === 1 ? key : `${key} + ":${index}"`;
      if (node.kind === 'text') {
        code += `${out}.push(h.t(${compileValue(node.text, where(from, node.offset), scope)}));`;
        continue;
      }
      const condition = attribute(node, 'wx:if');
      if (!condition) {
        if (attribute(node, 'wx:elif') || attribute(node, 'wx:else')) fail(`wx:elif/wx:else on <${node.tag}> must follow a wx:if`, from, node.offset);
        code += genElement(node, from, scope, out, childKey);
        continue;
      }
      code += `if (${conditionCode(node, condition, from, scope)}) { ${genElement(node, from, scope, out, childKey)} }`;
      for (let following = nodes[index + 1]; following?.kind === 'element'; following = nodes[index + 1]) {
        const elif = attribute(following, 'wx:elif');
        if (elif) code += ` else if (${conditionCode(following, elif, from, scope)}) { ${genElement(following, from, scope, out, childKey)} }`;
        else if (attribute(following, 'wx:else')) code += ` else { ${genElement(following, from, scope, out, childKey)} }`;
        else break;
        index++;
      }
    }
    return code;
  }

  function conditionCode(element: WxmlElement, condition: WxmlAttribute, from: WxmlSourceFile, scope: string): string {
    if (condition.value === true) fail(`${condition.name} on <${element.tag}> needs a value`, from, element.offset);
    return compileValue(String(condition.value), where(from, condition.valueOffset), scope);
  }

  function genElement(element: WxmlElement, from: WxmlSourceFile, scope: string, out: string, key: string | undefined): string {
    const loop = attribute(element, 'wx:for') ?? attribute(element, 'wx:for-items');
    if (!loop) return genSingle(element, from, scope, out, key);
    const id = next();
    const itemName = String(attribute(element, 'wx:for-item')?.value ?? 'item');
    const indexName = String(attribute(element, 'wx:for-index')?.value ?? 'index');
    const keyAttribute = attribute(element, 'wx:key');
    const list = loop.value === true ? '[]' : hasBinding(loop.value) ? compileValue(loop.value, where(from, loop.valueOffset), scope) : JSON.stringify(loop.value);
    const keyField = keyAttribute && keyAttribute.value !== true ? String(keyAttribute.value).replace(/^\{\{\s*|\s*\}\}$/g, '') : '';
    const keyCode = `h.k(i${id}, ${JSON.stringify(keyField)}, x${id})`;
    const scopeCode = `const s${id} = h.s(${scope}, ${JSON.stringify(itemName)}, i${id}, ${JSON.stringify(indexName)}, x${id});`;
    if (key === undefined) {
      const body = genSingle(element, from, `s${id}`, `t${id}`, keyCode);
      if (loopBodyIsPure(body, scope, [itemName, indexName])) {
        return `h.fm(${list}, ${JSON.stringify(`${file.file}#${id}`)}, function (i${id}, x${id}) { ${scopeCode} const t${id} = []; ${body} return t${id}; }, ${out});`;
      }
    }
    const inner = genSingle(element, from, `s${id}`, out, key === undefined ? keyCode : `${key} + "/" + ${keyCode}`);
    return `h.f(${list}, function (i${id}, x${id}) { ${scopeCode} ${inner} });`;
  }

  /**
   * A loop body is pure when every name it reads is the loop's item or index, a nested loop's,
   * or a wxs module, and it places no slot content: then its nodes depend on the item alone.
   */
  function loopBodyIsPure(body: string, outerScope: string, names: string[]): boolean {
    if (body.includes('h.e("slot"') || body.includes(`${outerScope}[`) || body.includes(`${outerScope},`) || body.includes(`${outerScope})`)) return false;
    const allowed = new Set([...names, ...wxs.map((module) => module.name)]);
    for (const match of body.matchAll(/h\.s\(s\d+, ("(?:[^"\\]|\\.)*"), i\d+, ("(?:[^"\\]|\\.)*")/g)) {
      allowed.add(JSON.parse(match[1] as string) as string);
      allowed.add(JSON.parse(match[2] as string) as string);
    }
    for (const match of body.matchAll(/\bs\d+\[("(?:[^"\\]|\\.)*")\]/g)) {
      if (!allowed.has(JSON.parse(match[1] as string) as string)) return false;
    }
    return true;
  }

  function genSingle(element: WxmlElement, from: WxmlSourceFile, scope: string, out: string, key: string | undefined): string {
    switch (element.tag) {
      case 'block':
        return genNodes(element.children, from, scope, out, key);
      case 'import':
      case 'wxs':
        return '';
      case 'template':
        return genTemplateUse(element, from, scope, out);
      case 'include':
        return genInclude(element, from, scope, out, key);
      default:
        return genTag(element, from, scope, out, key);
    }
  }

  function genTemplateUse(element: WxmlElement, from: WxmlSourceFile, scope: string, out: string): string {
    const is = attribute(element, 'is');
    if (!is) return ''; // a definition, collected at the top level
    const name = is.value === true ? '""' : compileValue(is.value, where(from, is.valueOffset), scope);
    const data = attribute(element, 'data');
    let dataCode = '{}';
    if (data && data.value !== true) {
      const parts = splitBindings(data.value);
      const binding = parts.find((part) => part.kind === 'binding');
      if (binding?.kind === 'binding') dataCode = compileExpression(binding.text, where(from, data.valueOffset + binding.offset), scope, true);
    }
    return `${out}.push(...h.tpl(${JSON.stringify(file.file)}, ${name}, ${dataCode}));`;
  }

  function genInclude(element: WxmlElement, from: WxmlSourceFile, scope: string, out: string, key: string | undefined): string {
    const src = attribute(element, 'src');
    if (!src || src.value === true) fail('<include> needs a src', from, element.offset);
    const path = options.resolve(src.value, from.file, '.wxml');
    if (includeStack.includes(path)) fail(`include cycle: ${[...includeStack, path].join(' -> ')}`, from, element.offset);
    const included = options.loadWxml(path, from, src.valueOffset);
    includeStack.push(path);
    const body = included.nodes.filter((node) => node.kind === 'text' || (node.tag !== 'template' && node.tag !== 'wxs' && node.tag !== 'import'));
    const code = genNodes(body, included, scope, out, key);
    includeStack.pop();
    return code;
  }

  function genericError(code: 'bad_generic' | 'unknown_generic' | 'unknown_generic_implementation' | 'missing_generic_implementation', message: string, from: WxmlSourceFile, offset: number): never {
    throw new CompileError(code, message, positionAt(from.file, from.source, offset), from.source);
  }

  /** The component a tag renders: a usingComponents path, or code choosing an abstract node's implementation per instance. */
  function componentCode(element: WxmlElement): string {
    const generics = options.generics ?? {};
    if (Object.hasOwn(generics, element.tag)) return `h.gp(${JSON.stringify(element.tag)}, ${JSON.stringify(generics[element.tag] ?? null)})`;
    const component = options.components[element.tag];
    return component ? JSON.stringify(component) : 'undefined';
  }

  /**
   * `generic:name="tag"` attributes on a component host, as an object literal of name ->
   * implementation. The value is static: a tag of the file's usingComponents, or one of the
   * file's own abstract nodes, which hands the implementation its user chose one level further.
   */
  function genericsCode(element: WxmlElement, from: WxmlSourceFile): string {
    const given = element.attributes.filter((entry) => entry.name.startsWith('generic:'));
    const ownGenerics = options.generics ?? {};
    const abstract = Object.hasOwn(ownGenerics, element.tag);
    const component = abstract ? undefined : options.components[element.tag];
    if (!component) {
      const first = given[0];
      if (first) genericError('bad_generic', `${first.name} on <${element.tag}>: only a custom component from usingComponents takes generic: attributes${abstract ? ' (an abstract node\'s implementation is not known here)' : ''}`, from, nameOffset(element, first, from));
      return 'null';
    }
    const declared = options.genericsOf?.(component) ?? {};
    const parts: string[] = [];
    for (const entry of given) {
      const name = entry.name.slice('generic:'.length);
      if (!Object.hasOwn(declared, name)) {
        const known = Object.keys(declared);
        genericError('unknown_generic', `<${element.tag}> declares no abstract node "${name}" in componentGenerics${known.length ? ` (it declares ${known.join(', ')})` : ''}`, from, nameOffset(element, entry, from));
      }
      if (entry.value === true || !entry.value.trim() || hasBinding(entry.value)) {
        genericError('bad_generic', `${entry.name} must name a component tag statically; data bindings are not allowed`, from, entry.value === true ? nameOffset(element, entry, from) : entry.valueOffset);
      }
      const tag = entry.value.trim();
      const implementation = options.components[tag];
      if (implementation) parts.push(`${JSON.stringify(name)}: ${JSON.stringify(implementation)}`);
      else if (Object.hasOwn(ownGenerics, tag)) parts.push(`${JSON.stringify(name)}: h.gp(${JSON.stringify(tag)}, ${JSON.stringify(ownGenerics[tag] ?? null)})`);
      else genericError('unknown_generic_implementation', `${entry.name}="${tag}": "${tag}" is not in usingComponents of this page or component`, from, entry.valueOffset);
    }
    for (const [name, fallback] of Object.entries(declared)) {
      if (fallback === undefined && !given.some((entry) => entry.name === `generic:${name}`)) {
        genericError('missing_generic_implementation', `<${element.tag}> needs generic:${name}="..." naming a component from usingComponents: its abstract node "${name}" has no default`, from, element.offset);
      }
    }
    return parts.length ? `{${parts.join(', ')}}` : 'null';
  }

  function genTag(element: WxmlElement, from: WxmlSourceFile, scope: string, out: string, key: string | undefined): string {
    const attributes: string[] = [];
    const events: string[] = [];
    const dataset: string[] = [];
    const marks: string[] = [];
    const generics = genericsCode(element, from);
    for (const entry of element.attributes) {
      if (DIRECTIVES.has(entry.name) || entry.name.startsWith('generic:')) continue;
      const value = entry.value === true ? 'true' : compileValue(entry.value, where(from, entry.valueOffset), scope);
      const event = EVENT_ATTRIBUTE.exec(entry.name);
      if (event) {
        // Handler names are written with stray spaces often enough; WeChat ignores them.
        const handler = entry.value !== true && !hasBinding(entry.value) ? JSON.stringify(entry.value.trim()) : value;
        events.push(`[${JSON.stringify(event[1])}, ${JSON.stringify((event[3] as string).toLowerCase())}, ${handler}]`);
      } else if (entry.name.startsWith('data-')) {
        dataset.push(`${JSON.stringify(camelCase(entry.name.slice(5)))}: ${value}`);
        // Kept as an attribute too: WXSS (WeUI's themes, for one) selects on [data-*].
        attributes.push(`${JSON.stringify(entry.name)}: ${value}`);
      } else if (entry.name.startsWith('mark:')) {
        marks.push(`${JSON.stringify(entry.name.slice(5))}: ${value}`);
      } else if (entry.name === 'class' || (entry.name === 'placeholder-class' && (element.tag === 'input' || element.tag === 'textarea'))) {
        // placeholder-class names a class of the same sheet as class does, so it is scoped the same way.
        attributes.push(`${JSON.stringify(entry.name)}: h.cls(${value})`);
      } else {
        attributes.push(`${JSON.stringify(entry.name)}: ${value}`);
      }
    }
    const unsupported = options.components[element.tag] ? undefined : unsupportedBuiltInAttribute(element);
    if (unsupported) throw new CompileError('unsupported_attribute', unsupported.message, positionAt(from.file, from.source, unsupported.attribute.valueOffset), from.source);
    const id = next();
    const children = `c${id}`;
    const component = componentCode(element);
    const childCode = genNodes(element.children, from, scope, children, undefined);
    const args = [
      JSON.stringify(element.tag),
      `{${attributes.join(', ')}}`,
      events.length ? `[${events.join(', ')}]` : 'null',
      children,
      key ?? 'undefined',
      dataset.length ? `{${dataset.join(', ')}}` : 'null',
      marks.length ? `{${marks.join(', ')}}` : 'null',
      component,
      ...(generics === 'null' ? [] : [generics]),
    ];
    return `{ const ${children} = []; ${childCode} ${out}.push(h.e(${args.join(', ')})); }`;
  }
}

/** Where an attribute's name starts, for errors about the name rather than the value. */
function nameOffset(element: WxmlElement, entry: WxmlAttribute, from: WxmlSourceFile): number {
  const found = from.source.indexOf(entry.name, element.offset);
  return found < 0 ? element.offset : found;
}

/**
 * Data names the page render reads only as the list of top-level loops whose bodies depend on
 * their item alone (name -> those loops' memo ids). A setData of `name[i].field` then changes
 * nothing but row i of those loops, so the view re-renders that row instead of the page.
 * Decided on the generated code: every read of the name in any scope must be such a loop's list.
 */
export function rowListNames(render: string): Record<string, string[]> {
  // A scope handed on whole (anything but the parent of a loop scope) could be read in any way.
  const body = render.slice(render.indexOf('{'));
  if (/\bs\d+(?=\s*[,)])/.test(body.replace(/h\.s\(s\d+,/g, ''))) return {};
  const loops = new Map<string, string[]>();
  for (const match of render.matchAll(/h\.fm\(s0\[("(?:[^"\\]|\\.)*")\], ("(?:[^"\\]|\\.)*"),/g)) {
    const name = JSON.parse(match[1] as string) as string;
    loops.set(name, [...(loops.get(name) ?? []), JSON.parse(match[2] as string) as string]);
  }
  const result: Record<string, string[]> = {};
  for (const [name, memos] of loops) {
    const reads = render.split(`[${JSON.stringify(name)}]`).length - 1;
    if (reads === memos.length) result[name] = memos;
  }
  return result;
}

/** `data-user-name` -> `userName`, as WeChat builds `dataset`. */
export function camelCase(name: string): string {
  return name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}
