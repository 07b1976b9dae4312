/**
 * Where each module of a logic bundle starts, so stack lines of the combined script (or of a
 * subpackage bundle evaluated later) map back to the developer's files: [first body line, path].
 */
export function moduleLineMap(code: string, offset: number): Array<[number, string]> {
  const lineMap: Array<[number, string]> = [];
  code.split('\n').forEach((line, index) => {
    const match = /^__tessera\.define\("([^"]+)"/.exec(line);
    // The wrapper's own line comes first; the module body starts on the next one (1-based).
    if (match) lineMap.push([offset + index + 2, match[1] as string]);
  });
  return lineMap;
}
