import type { LogicToHost } from '../shared/runtime-messages';

/** Maps lines of the combined worker script back to source files: [first line of module body, path]. */
export type LineMap = Array<[number, string]>;

/** Line maps of code evaluated after start (subpackages), by the source URL it was given. */
export const evaluatedLineMaps = new Map<string, LineMap>();

/** Rewrites `blob:...:LINE:COL` locations in a stack to `path:line:col` using the line map. */
export function mapStack(stack: string, lineMap: LineMap): string {
  return stack.replace(/\(?(blob:[^\s)]*?|[a-z]+:\/\/[^\s)]*?):(\d+):(\d+)\)?/g, (match, url: string, lineText: string, column: string) => {
    const line = Number(lineText);
    let found: [number, string] | undefined;
    for (const entry of evaluatedLineMaps.get(url) ?? lineMap) if (entry[0] <= line) found = entry;
    if (!found) return match;
    return `(${found[1]}:${line - found[0] + 1}:${column})`;
  });
}

/** Formats console arguments the way a developer expects to read them in the simulator. */
export function formatArguments(args: unknown[], lineMap: LineMap): string {
  return args
    .map((value) => {
      if (typeof value === 'string') return value;
      if (value instanceof Error) return mapStack(value.stack ?? `${value.name}: ${value.message}`, lineMap);
      try {
        return JSON.stringify(value) ?? String(value);
      } catch {
        return String(value);
      }
    })
    .join(' ');
}

/** Sends console output of the logic layer to the host, keeping the worker's own console too. */
export function forwardConsole(send: (message: LogicToHost) => void, lineMap: () => LineMap): void {
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      original(...args);
      send({ type: 'console', level, text: formatArguments(args, lineMap()) });
    };
  }
}
