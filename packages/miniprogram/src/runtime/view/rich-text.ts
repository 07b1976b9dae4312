/** Tags rich-text may render; everything else is dropped with its content kept as text. */
const ALLOWED_TAGS = new Set(['a', 'abbr', 'b', 'blockquote', 'br', 'code', 'dd', 'del', 'div', 'dl', 'dt', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'li', 'ol', 'p', 'pre', 'q', 's', 'span', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'u', 'ul']);
const ALLOWED_ATTRIBUTES = new Set(['class', 'style', 'src', 'alt', 'width', 'height', 'colspan', 'rowspan', 'title']);

interface RichNode {
  type?: string;
  name?: string;
  text?: string;
  attrs?: Record<string, string>;
  children?: RichNode[];
}

/**
 * Renders rich-text `nodes` (an HTML string or WeChat's node array) from an allowlist:
 * no scripts, no event attributes, no links that navigate, no URLs other than https/data images.
 */
export function renderRichText(el: HTMLElement, nodes: unknown): void {
  const list = typeof nodes === 'string' ? fromHtml(nodes) : Array.isArray(nodes) ? (nodes as RichNode[]) : [];
  el.replaceChildren(...list.map(build).filter((node): node is Node => node !== null));
}

function fromHtml(html: string): RichNode[] {
  // DOMParser documents are inert: nothing in them runs or loads.
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const convert = (node: Node): RichNode => {
    if (node.nodeType === Node.TEXT_NODE) return { type: 'text', text: node.textContent ?? '' };
    const element = node as Element;
    const attrs: Record<string, string> = {};
    for (const attribute of Array.from(element.attributes)) attrs[attribute.name] = attribute.value;
    return { name: element.tagName.toLowerCase(), attrs, children: Array.from(element.childNodes).map(convert) };
  };
  return Array.from(parsed.body.childNodes).map(convert);
}

function build(node: RichNode): Node | null {
  if (node.type === 'text') return document.createTextNode(decode(node.text ?? ''));
  const name = (node.name ?? '').toLowerCase();
  const children = (node.children ?? []).map(build).filter((child): child is Node => child !== null);
  if (!ALLOWED_TAGS.has(name)) {
    const fragment = document.createDocumentFragment();
    if (name !== 'script' && name !== 'style') fragment.append(...children);
    return fragment;
  }
  const element = document.createElement(name);
  for (const [key, value] of Object.entries(node.attrs ?? {})) {
    if (!ALLOWED_ATTRIBUTES.has(key.toLowerCase())) continue;
    if (key === 'src' && !/^(https:|data:image\/)/i.test(value)) continue;
    element.setAttribute(key, value);
  }
  element.append(...children);
  return element;
}

function decode(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|nbsp);/g, (_, entity: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', nbsp: '\u00a0' })[entity] ?? '');
}
