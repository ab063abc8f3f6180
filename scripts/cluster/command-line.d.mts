// Types for command-line.mjs.
export const USAGE: string;
export function parseClusterArgs(argv: string[]): { help: true } | { help: false; replicas: number; port: number };
export function missingPackagesMessage(packages: string[]): string;
export function formatClusterStatus(status: {
  url: string;
  haproxyPid?: number;
  redis?: { pid?: number; url: string } | null;
  logDir: string;
  replicas: Array<{ id: string; pid?: number; url: string; ready: number; balancer: string }>;
}): string;
