// A Dockerfile reader for the policy tests and the image-steps test: instructions per stage,
// with line continuations, comments, global ARG defaults, exec-form (JSON) arguments and flags.
export interface Instruction {
  keyword: string;
  /** Flags before the arguments, e.g. { from: 'build' } for `COPY --from=build`, { mount: '…' }. */
  flags: Record<string, string>;
  /** Everything after the flags, as written. */
  args: string;
  line: number;
}

export interface Stage {
  name: string | undefined;
  /** The base image with global ARG defaults substituted. */
  image: string;
  instructions: Instruction[];
}

export interface Dockerfile {
  globalArgs: Record<string, string>;
  stages: Stage[];
}

function logicalLines(text: string): Array<{ text: string; line: number }> {
  const out: Array<{ text: string; line: number }> = [];
  let current: { text: string; line: number } | undefined;
  text.split('\n').forEach((raw, index) => {
    const trimmed = raw.trim();
    // Comment lines are dropped, even inside a continued instruction (as Docker does).
    if (trimmed.startsWith('#') || (trimmed === '' && !current)) return;
    const continued = trimmed.endsWith('\\');
    const piece = continued ? trimmed.slice(0, -1).trim() : trimmed;
    current = current ? { ...current, text: `${current.text} ${piece}` } : { text: piece, line: index + 1 };
    if (!continued) {
      out.push(current);
      current = undefined;
    }
  });
  if (current) out.push(current);
  return out;
}

function splitFlags(rest: string): { flags: Record<string, string>; args: string } {
  const flags: Record<string, string> = {};
  let args = rest;
  for (let match = /^--([a-z-]+)(?:=(\S*))?\s*/.exec(args); match; match = /^--([a-z-]+)(?:=(\S*))?\s*/.exec(args)) {
    flags[match[1] as string] = match[2] ?? 'true';
    args = args.slice(match[0].length);
  }
  return { flags, args };
}

export function parseDockerfile(text: string): Dockerfile {
  const globalArgs: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const { text: line, line: number } of logicalLines(text)) {
    const [, keyword = '', rest = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const upper = keyword.toUpperCase();
    const { flags, args } = splitFlags(rest);
    if (upper === 'FROM') {
      const [image = '', as, name] = args.split(/\s+/);
      const resolved = image.replace(/\$\{?(\w+)\}?/g, (_, arg: string) => globalArgs[arg] ?? '');
      stages.push({ name: as?.toUpperCase() === 'AS' ? name : undefined, image: resolved, instructions: [] });
    } else if (upper === 'ARG' && stages.length === 0) {
      const [name = '', value = ''] = args.split('=');
      globalArgs[name] = value;
    } else {
      const stage = stages.at(-1);
      if (!stage) throw new Error(`line ${number}: ${upper} before the first FROM`);
      stage.instructions.push({ keyword: upper, flags, args, line: number });
    }
  }
  return { globalArgs, stages };
}

/** The arguments of an exec-form instruction (`CMD ["node", "x.js"]`), or undefined for shell form. */
export function execForm(args: string): string[] | undefined {
  if (!args.startsWith('[')) return undefined;
  const parsed = JSON.parse(args) as unknown;
  return Array.isArray(parsed) && parsed.every((a) => typeof a === 'string') ? parsed : undefined;
}

/** KEY=value pairs of an ENV instruction (values may be double-quoted). */
export function envPairs(args: string): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const match of args.matchAll(/(\w+)=("(?:[^"\\]|\\.)*"|\S+)/g)) {
    const value = match[2] as string;
    pairs[match[1] as string] = value.startsWith('"') ? (JSON.parse(value) as string) : value;
  }
  return pairs;
}

/** HEALTHCHECK [options] CMD …: the command part. */
export function healthcheckCommand(instruction: Instruction): string {
  const match = /^CMD\s+(.*)$/i.exec(instruction.args);
  if (!match?.[1]) throw new Error(`line ${instruction.line}: HEALTHCHECK without CMD`);
  return match[1];
}
