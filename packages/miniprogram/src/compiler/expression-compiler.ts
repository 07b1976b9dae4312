import { parseExpressionAt, type Expression, type Node, type SpreadElement, type Property, type PrivateIdentifier, type Super } from 'acorn';
import { CompileError, positionAt } from './compile-error';

/** Where an expression sits, so errors point into the WXML file. */
export interface ExpressionSource {
  file: string;
  /** The whole file's text, for line/column and the code frame. */
  source: string;
  /** Offset in the file where the expression text starts. */
  offset: number;
}

// Property names that lead from data to the Function constructor; refusing them keeps templates data-only.
const FORBIDDEN_PROPERTIES = new Set(['constructor', '__proto__', 'prototype', '__defineGetter__', '__defineSetter__', '__lookupGetter__']);

/**
 * Compiles one `{{ }}` expression to JavaScript that reads names from the scope variable
 * `scopeName`. Only the WXML subset is accepted: literals, names, member access, calls, the
 * usual operators, ternaries, array and object literals with spread, and template strings.
 */
export function compileExpression(text: string, where: ExpressionSource, scopeName: string, asObject = false): string {
  const wrapped = asObject ? `{${text}}` : text;
  const shift = asObject ? 1 : 0;
  let node: Expression;
  try {
    node = parseExpressionAt(wrapped, 0, { ecmaVersion: 2022 }) as Expression;
  } catch (error) {
    const pos = (error as { pos?: number }).pos ?? 0;
    throw badExpression(`cannot parse "${text.trim()}": ${(error as Error).message.replace(/ \(\d+:\d+\)$/, '')}`, where, pos - shift);
  }
  const rest = wrapped.slice(node.end).trim();
  if (rest) throw badExpression(`unexpected "${rest}" after expression`, where, node.end - shift);
  return generate(node, { where, scopeName, shift });
}

interface GenerateContext {
  where: ExpressionSource;
  scopeName: string;
  shift: number;
}

function badExpression(message: string, where: ExpressionSource, at: number): CompileError {
  return new CompileError('bad_expression', message, positionAt(where.file, where.source, where.offset + Math.max(0, at)), where.source);
}

function generate(node: Node, context: GenerateContext): string {
  const recur = (child: Node): string => generate(child, context);
  const expression = node as Expression;
  switch (expression.type) {
    case 'Literal':
      if (expression.regex) throw badExpression('regular expression literals are not allowed in WXML; use a wxs module', context.where, node.start - context.shift);
      return expression.raw ?? JSON.stringify(expression.value);
    case 'Identifier':
      if (expression.name === 'undefined') return 'undefined';
      return `${context.scopeName}[${JSON.stringify(expression.name)}]`;
    case 'TemplateLiteral': {
      let out = '(""';
      expression.quasis.forEach((quasi, index) => {
        out += ` + ${JSON.stringify(quasi.value.cooked ?? '')}`;
        const inner = expression.expressions[index];
        if (inner) out += ` + String(${recur(inner)})`;
      });
      return `${out})`;
    }
    case 'ArrayExpression':
      return `[${expression.elements.map((element) => (element ? spreadOr(element, recur) : '')).join(', ')}]`;
    case 'ObjectExpression':
      return `{${expression.properties.map((property) => objectProperty(property, context, recur)).join(', ')}}`;
    case 'MemberExpression': {
      const object = recur(expression.object as Expression);
      if (expression.computed) return `h.m(${object}, ${recur(expression.property as Expression)})`;
      const name = (expression.property as { name: string }).name;
      if (FORBIDDEN_PROPERTIES.has(name)) throw badExpression(`"${name}" is not accessible from WXML`, context.where, expression.property.start - context.shift);
      // WXML reads a missing path as undefined instead of throwing (`detail.author.name` before
      // the data arrived), so every property step is an optional one.
      return `(${object})?.${name}`;
    }
    case 'ChainExpression':
      return recur(expression.expression);
    case 'CallExpression': {
      if (expression.callee.type === 'Super') throw badExpression('super is not allowed', context.where, node.start - context.shift);
      const args = expression.arguments.map((argument) => spreadOr(argument, recur)).join(', ');
      return `${recur(expression.callee)}${expression.optional ? '?.' : ''}(${args})`;
    }
    case 'UnaryExpression':
      if (expression.operator === 'delete') throw badExpression('delete is not allowed in WXML', context.where, node.start - context.shift);
      return `(${expression.operator}${/^[a-z]/.test(expression.operator) ? ' ' : ''}${recur(expression.argument)})`;
    case 'BinaryExpression':
    case 'LogicalExpression':
      return `(${recur(expression.left as Expression)} ${expression.operator} ${recur(expression.right)})`;
    case 'ConditionalExpression':
      return `(${recur(expression.test)} ? ${recur(expression.consequent)} : ${recur(expression.alternate)})`;
    case 'ParenthesizedExpression':
      return recur(expression.expression);
    default:
      throw badExpression(`${describe(expression.type)} is not allowed in WXML expressions`, context.where, node.start - context.shift);
  }
}

function spreadOr(node: Expression | SpreadElement, recur: (node: Node) => string): string {
  return node.type === 'SpreadElement' ? `...${recur(node.argument)}` : recur(node);
}

function objectProperty(property: Property | SpreadElement, context: GenerateContext, recur: (node: Node) => string): string {
  if (property.type === 'SpreadElement') return `...(${recur(property.argument)})`;
  if (property.kind !== 'init' || property.method) throw badExpression('only plain properties are allowed in object literals', context.where, property.start - context.shift);
  const key = property.key as Expression | PrivateIdentifier | Super;
  const keyCode = property.computed
    ? `[${recur(key)}]`
    : key.type === 'Identifier'
      ? JSON.stringify(key.name)
      : key.type === 'Literal'
        ? JSON.stringify(String(key.value))
        : '""';
  if (keyCode === '"__proto__"') throw badExpression('"__proto__" is not accessible from WXML', context.where, key.start - context.shift);
  return `${keyCode}: ${recur(property.value)}`;
}

function describe(type: string): string {
  return type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** One piece of an attribute or text value: literal text or a `{{ }}` binding. */
export type BindingPart = { kind: 'text'; text: string } | { kind: 'binding'; text: string; offset: number };

/** Splits `a {{b}} c` into text and binding parts; offsets are relative to the value's start. */
export function splitBindings(value: string): BindingPart[] {
  const parts: BindingPart[] = [];
  let index = 0;
  while (index < value.length) {
    const open = value.indexOf('{{', index);
    if (open < 0) {
      parts.push({ kind: 'text', text: value.slice(index) });
      break;
    }
    const close = value.indexOf('}}', open + 2);
    if (close < 0) {
      parts.push({ kind: 'text', text: value.slice(index) });
      break;
    }
    if (open > index) parts.push({ kind: 'text', text: value.slice(index, open) });
    parts.push({ kind: 'binding', text: value.slice(open + 2, close), offset: open + 2 });
    index = close + 2;
  }
  return parts;
}

/**
 * Compiles an attribute or text value. A value that is exactly one binding keeps the
 * expression's own type (a number, an object); anything mixed becomes a string.
 */
export function compileValue(value: string, where: ExpressionSource, scopeName: string): string {
  const parts = splitBindings(value);
  if (parts.length === 1 && parts[0]?.kind === 'binding') {
    return compileExpression(parts[0].text, { ...where, offset: where.offset + parts[0].offset }, scopeName);
  }
  if (parts.every((part) => part.kind === 'text')) return JSON.stringify(value);
  return parts
    .map((part) => (part.kind === 'text' ? JSON.stringify(part.text) : `h.str(${compileExpression(part.text, { ...where, offset: where.offset + part.offset }, scopeName)})`))
    .join(' + ');
}

/** True when the value contains at least one binding. */
export function hasBinding(value: string): boolean {
  return splitBindings(value).some((part) => part.kind === 'binding');
}
