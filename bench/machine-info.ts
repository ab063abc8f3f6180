import { execFileSync } from 'node:child_process';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import type { MachineInfo } from './bench-results.js';

/** The machine a run measured on, with its load when the run started. */
export function machineInfo(): MachineInfo {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryBytes: totalmem(),
    node: process.version,
    ...(process.env.RELAY_NODE ? { relayNode: execFileSync(process.env.RELAY_NODE, ['-v'], { encoding: 'utf8' }).trim() } : {}),
    platform: `${process.platform} ${process.arch}`,
    loadAverage: loadavg()[0] ?? 0,
  };
}

/** One line for the log: what else runs on the box skews every figure. */
export function machineLine(machine: MachineInfo): string {
  return `machine: ${machine.cpus} cores, ${(machine.memoryBytes / 1024 ** 3).toFixed(1)} GB (${(freemem() / 1024 ** 3).toFixed(1)} GB free), load average ${machine.loadAverage.toFixed(2)}${machine.relayNode ? `, relays on Node ${machine.relayNode} (RELAY_NODE)` : ''}`;
}
