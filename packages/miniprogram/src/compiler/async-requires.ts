import { parse, type Node } from 'acorn';
import { CompileError, positionAt } from './compile-error';
import { moduleCandidates } from '../runtime/shared/module-paths';

/** A `require.async('…')` (or WeChat's callback form `require('…', success, fail)`) with a literal path. */
export interface AsyncRequire {
  request: string;
  /** Offset of the path literal in the source. */
  offset: number;
}

/**
 * The asynchronous requires of a module whose path is a string literal (or a template literal
 * without substitutions). Paths computed at run time are resolved by the logic layer alone.
 */
export function findAsyncRequires(source: string): AsyncRequire[] {
  const program = parseEither(source);
  if (!program) return [];
  const found: AsyncRequire[] = [];
  visit(program, (node) => {
    if (node.type !== 'CallExpression') return;
    const call = node as unknown as { callee: AstNode; arguments: AstNode[] };
    const callee = call.callee;
    const isAsyncMember = callee.type === 'MemberExpression' && !callee.computed && callee.object?.type === 'Identifier' && callee.object.name === 'require' && callee.property?.type === 'Identifier' && callee.property.name === 'async';
    const isCallbackForm = callee.type === 'Identifier' && callee.name === 'require' && call.arguments.length > 1 && call.arguments.slice(1).some((argument) => argument.type === 'ArrowFunctionExpression' || argument.type === 'FunctionExpression');
    if (!isAsyncMember && !isCallbackForm) return;
    const request = literalText(call.arguments[0]);
    if (request !== undefined) found.push({ request, offset: (call.arguments[0] as AstNode).start });
  });
  return found;
}

/**
 * Resolves each literal `require.async` of `file` against the project's modules, as the logic
 * layer will at run time. A target that does not exist is an `unknown_module` error at the
 * literal; the rest are returned as request -> module file.
 */
export function resolveAsyncRequires(file: string, source: string, modules: ReadonlySet<string>, problems: CompileError[]): Record<string, string> {
  const resolved: Record<string, string> = {};
  for (const { request, offset } of findAsyncRequires(source)) {
    const target = moduleCandidates(request, file).find((candidate) => modules.has(candidate));
    if (target === undefined) {
      problems.push(new CompileError('unknown_module', `require.async: module "${request}" does not exist (looked for ${moduleCandidates(request, file).slice(0, 3).join(', ')})`, positionAt(file, source, offset), source));
      continue;
    }
    resolved[request] = target;
  }
  return resolved;
}

interface AstNode extends Node {
  computed?: boolean;
  object?: AstNode;
  property?: AstNode;
  name?: string;
  value?: unknown;
  expressions?: unknown[];
  quasis?: Array<{ value: { cooked: string | null } }>;
}

function literalText(node: AstNode | undefined): string | undefined {
  if (node?.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node?.type === 'TemplateLiteral' && node.expressions?.length === 0) return node.quasis?.[0]?.value.cooked ?? undefined;
  return undefined;
}

/** Sources are checked for syntax before this runs; a module that still fails to parse has nothing to find. */
function parseEither(source: string): Node | undefined {
  for (const sourceType of ['script', 'module'] as const) {
    try {
      return parse(source, { ecmaVersion: 'latest', sourceType, allowReturnOutsideFunction: sourceType === 'script', allowHashBang: true });
    } catch {
      // try the other kind
    }
  }
  return undefined;
}

function visit(node: Node, enter: (node: Node) => void): void {
  enter(node);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) visit(item, enter);
    } else if (isNode(value)) visit(value, enter);
  }
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
