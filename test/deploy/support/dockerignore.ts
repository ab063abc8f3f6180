// Which files reach the image's build context: the repository's files (tracked, plus untracked
// ones git does not ignore) minus what .dockerignore excludes, with Docker's matching rules:
// `*` and `?` stay within a path segment, `**` spans segments, a matched directory excludes
// everything below it, `!` re-includes, and the last matching pattern wins.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Rule {
  negate: boolean;
  regex: RegExp;
}

function toRegex(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === '*' && pattern[i + 1] === '*') {
      // `**/` matches zero or more directories; a trailing `**` matches everything below.
      source += pattern[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += pattern[i + 2] === '/' ? 2 : 1;
    } else if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else source += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

export function parseDockerignore(text: string): Rule[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const negate = line.startsWith('!');
      const pattern = (negate ? line.slice(1) : line).trim().replace(/^\/+/, '').replace(/\/+$/, '');
      return { negate, regex: toRegex(pattern) };
    });
}

/** Whether `path` (relative, forward slashes) is excluded from the build context. */
export function isIgnored(rules: Rule[], path: string): boolean {
  const segments = path.split('/');
  // The file itself and every directory above it: excluding a directory excludes its content.
  const candidates = segments.map((_, i) => segments.slice(0, i + 1).join('/'));
  let ignored = false;
  for (const rule of rules) {
    if (candidates.some((candidate) => rule.regex.test(candidate))) ignored = !rule.negate;
  }
  return ignored;
}

/** The files `docker build` would send from `root`, as relative paths. */
export function buildContextFiles(root: string): string[] {
  const rules = parseDockerignore(readFileSync(join(root, '.dockerignore'), 'utf8'));
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' });
  return listed
    .split('\0')
    .filter((path) => path !== '')
    .filter((path) => existsSync(join(root, path)) && !isIgnored(rules, path));
}
