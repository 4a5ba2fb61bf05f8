/** Samples a process's memory (VmRSS) and CPU time from /proc while a scenario runs. */
import { readFileSync } from 'node:fs';

/** What a finished sampling window observed; MiB and CPU percent of one core. */
export interface ProcessUsage {
  pid: number;
  startMiB: number;
  peakMiB: number;
  endMiB: number;
  cpuPercent: number;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux; /proc/<pid>/stat reports CPU time in these ticks.

function rssKiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+)/.exec(status);
  return match?.[1] === undefined ? 0 : Number(match[1]);
}

function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** Starts sampling `pid` every `everyMs`; `stop()` returns the figures. Returns null without a pid. */
export function sampleProcess(pid: number | undefined, everyMs = 200): { stop(): ProcessUsage } | null {
  if (pid === undefined) return null;
  const startKiB = rssKiB(pid);
  const startTicks = cpuTicks(pid);
  const startedAt = performance.now();
  let peak = startKiB;
  let last = startKiB;
  const timer = setInterval(() => {
    try {
      last = rssKiB(pid);
      if (last > peak) peak = last;
    } catch {
      // The relay may have exited (e.g. crashed under load); keep the last reading.
    }
  }, everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      let endTicks = startTicks;
      try {
        last = rssKiB(pid);
        if (last > peak) peak = last;
        endTicks = cpuTicks(pid);
      } catch {
        // Process gone: report what was seen.
      }
      const seconds = (performance.now() - startedAt) / 1000;
      const mib = (kib: number) => Math.round((kib / 1024) * 10) / 10;
      return {
        pid,
        startMiB: mib(startKiB),
        peakMiB: mib(peak),
        endMiB: mib(last),
        cpuPercent: Math.round(((endTicks - startTicks) / TICKS_PER_SECOND / seconds) * 100),
      };
    },
  };
}

/** Formats usage for the table column, or a dash when no pid was given. */
export function formatUsage(usage: ProcessUsage | undefined): string {
  if (usage === undefined) return '- (pass --pid <relay pid>)';
  return `RSS start ${usage.startMiB} MiB, peak ${usage.peakMiB} MiB, end ${usage.endMiB} MiB; CPU ${usage.cpuPercent}% of a core`;
}
