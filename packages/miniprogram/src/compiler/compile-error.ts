/**
 * Errors the compiler reports. Each has a stable code so tools (the CLI, the upload endpoint,
 * editors) can react to the kind of problem without parsing the message.
 */
export type CompileErrorCode =
  | 'unknown_page'
  | 'missing_component'
  | 'missing_file'
  | 'bad_expression'
  | 'bad_wxml'
  | 'bad_json'
  | 'bad_wxss'
  | 'bad_js'
  | 'package_too_large'
  | 'bad_app_config'
  | 'bad_subpackage_dependency'
  /** `require.async('…')` of a module file that is in no package of the project. */
  | 'unknown_module'
  /** componentGenerics or a `generic:` attribute written in a form WeChat does not accept. */
  | 'bad_generic'
  /** `generic:x` on a component that declares no abstract node `x`. */
  | 'unknown_generic'
  /** `generic:x="tag"` where `tag` is neither in usingComponents nor an abstract node of the user. */
  | 'unknown_generic_implementation'
  /** A component with an abstract node used without `generic:` for it, and the node has no default. */
  | 'missing_generic_implementation'
  /** A built-in's attribute written out with a value Tessera cannot honour (`<picker mode="region" level="sub-district">`). */
  | 'unsupported_attribute';

/** A position in a source file, 1-based line and column. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/** One problem found while compiling a project. */
export class CompileError extends Error {
  readonly code: CompileErrorCode;
  readonly position: SourcePosition | undefined;
  readonly frame: string;

  constructor(code: CompileErrorCode, message: string, position?: SourcePosition, source?: string) {
    super(message);
    this.name = 'CompileError';
    this.code = code;
    this.position = position;
    this.frame = position && source !== undefined ? codeFrame(source, position.line, position.column) : '';
  }

  /** `file:line:col error[code]: message` followed by the code frame, as the CLI prints it. */
  format(): string {
    const where = this.position ? `${this.position.file}:${this.position.line}:${this.position.column}` : '(project)';
    return `${where} error[${this.code}]: ${this.message}${this.frame ? `\n${this.frame}` : ''}`;
  }
}

/** Converts a character offset into a 1-based line and column. */
export function lineColumnAt(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, source.length);
  for (let index = 0; index < end; index++) {
    if (source.charCodeAt(index) === 10) {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** Builds a position for an offset in a named file. */
export function positionAt(file: string, source: string, offset: number): SourcePosition {
  return { file, ...lineColumnAt(source, offset) };
}

/** Two lines of context either side of the error line, with a caret under the column. */
export function codeFrame(source: string, line: number, column: number): string {
  const lines = source.split('\n');
  const first = Math.max(1, line - 2);
  const last = Math.min(lines.length, line + 2);
  const width = String(last).length;
  const out: string[] = [];
  for (let number = first; number <= last; number++) {
    const marker = number === line ? '>' : ' ';
    out.push(`${marker} ${String(number).padStart(width)} | ${lines[number - 1] ?? ''}`);
    if (number === line) out.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.max(0, column - 1))}^`);
  }
  return out.join('\n');
}
