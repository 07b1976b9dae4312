import { parse } from 'acorn';
import { transform } from 'esbuild';
import { CompileError, codeFrame } from './compile-error';

/**
 * Compiles one JavaScript source to a CommonJS-style body that the logic runtime wraps in
 * `function (require, module, exports, ...)`. ES module syntax is converted; plain CommonJS
 * passes through unchanged apart from syntax checking.
 */
export async function compileJsModule(file: string, source: string): Promise<string> {
  // Plain scripts (CommonJS, as most mini programs are written) stay byte for byte, so error
  // lines in the simulator's console match the developer's file exactly.
  if (parsesAsScript(source)) return source;
  try {
    const result = await transform(source, {
      loader: 'js',
      format: 'cjs',
      target: 'es2020',
      sourcefile: file,
      logLevel: 'silent',
    });
    return result.code;
  } catch (error) {
    const first = (error as { errors?: Array<{ text: string; location?: { line: number; column: number } | null }> }).errors?.[0];
    if (!first) throw error;
    const line = first.location?.line ?? 1;
    const column = (first.location?.column ?? 0) + 1;
    const compileError = new CompileError('bad_js', first.text, { file, line, column });
    Object.defineProperty(compileError, 'frame', { value: codeFrame(source, line, column) });
    throw compileError;
  }
}

function parsesAsScript(source: string): boolean {
  try {
    parse(source, { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: true });
    return true;
  } catch {
    return false;
  }
}

/** Wraps a WXS module body. WXS runs in the view with only `getRegExp` and `getDate` as globals of its own. */
export function wrapWxsModule(id: string, code: string): string {
  return `__tessera.wxs(${JSON.stringify(id)}, function (require, module, exports, getRegExp, getDate) {\n${code}\n});\n`;
}

/** Wraps a logic-layer module. */
export function wrapLogicModule(path: string, code: string): string {
  return `__tessera.define(${JSON.stringify(path)}, function (require, module, exports, App, Page, Component, Behavior, getApp, getCurrentPages, wx, requirePlugin) {\n${code}\n});\n`;
}
