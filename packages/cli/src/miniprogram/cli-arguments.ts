/** Positional arguments and `--name value` / `--flag` options of a mini-program command. */
export interface ParsedArguments {
  positional: string[];
  options: Record<string, string | true>;
}

/** Splits argv into positionals and options; `--name=value` and `--name value` both work. */
export function parseArguments(args: string[], flags: string[] = []): ParsedArguments {
  const positional: string[] = [];
  const options: Record<string, string | true> = {};
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as string;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name = '', inline] = arg.slice(2).split('=', 2);
    if (inline !== undefined) options[name] = inline;
    else if (flags.includes(name) || args[index + 1] === undefined || (args[index + 1] as string).startsWith('--')) options[name] = true;
    else options[name] = args[++index] as string;
  }
  return { positional, options };
}
