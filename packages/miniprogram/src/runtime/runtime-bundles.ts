import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

/**
 * Browser bundles of the runtime: logic (Worker), view (iframe), the simulator page, and the
 * region picker, which hosts hand a view only when it first opens one.
 */
export interface RuntimeBundles {
  logic: string;
  view: string;
  simulator: string;
  regionPicker: string;
}

const ENTRIES = {
  logic: fileURLToPath(new URL('./logic/logic-main.ts', import.meta.url)),
  view: fileURLToPath(new URL('./view/view-main.ts', import.meta.url)),
  simulator: fileURLToPath(new URL('../simulator/simulator-main.ts', import.meta.url)),
  regionPicker: fileURLToPath(new URL('./view/region-picker-main.ts', import.meta.url)),
};

let cached: Promise<RuntimeBundles> | undefined;

/** Bundles the runtimes once per process (about a hundred milliseconds with esbuild). */
export function runtimeBundles(): Promise<RuntimeBundles> {
  cached ??= (async () => {
    const entries = await Promise.all(
      Object.entries(ENTRIES).map(async ([name, entry]) => {
        const result = await build({ entryPoints: [entry], bundle: true, format: 'iife', target: 'es2020', write: false, // Whitespace only: identifiers stay readable in developers' stack traces.
          minifyWhitespace: true, legalComments: 'none', logLevel: 'silent' });
        return [name, sloppyOutside(result.outputFiles[0]?.text ?? '')] as const;
      }),
    );
    return Object.fromEntries(entries) as unknown as RuntimeBundles;
  })();
  return cached;
}

/**
 * esbuild puts `"use strict"` before the IIFE, which would make every script appended after the
 * runtime strict too. Mini-program modules are sloppy-mode scripts in WeChat (published programs
 * assign undeclared variables), so the directive moves inside the runtime's own function.
 */
export function sloppyOutside(bundle: string): string {
  const match = /^"use strict";\s*\(\(\)\s*=>\s*\{/.exec(bundle);
  if (!match) return bundle;
  return `(() => {"use strict";${bundle.slice(match[0].length)}`;
}
