// The only place that reads the system time. Everything else takes a Clock.
export interface Clock {
  now(): Date;
}

export function fixedClock(at: Date | string): Clock & { set(at: Date | string): void; advance(ms: number): void } {
  let t = new Date(at).getTime();
  return {
    now: () => new Date(t),
    set: (next) => {
      t = new Date(next).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

// LUOSHI_NOW pins the server to one instant; LUOSHI_CLOCK_OFFSET (e.g. "+3d", "-2h", or milliseconds) shifts real time.
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  if (env.LUOSHI_NOW) {
    const at = new Date(env.LUOSHI_NOW);
    if (Number.isNaN(at.getTime())) throw new Error(`LUOSHI_NOW is not a valid time: ${env.LUOSHI_NOW}`);
    return fixedClock(at);
  }
  const offset = parseOffset(env.LUOSHI_CLOCK_OFFSET);
  return { now: () => new Date(Date.now() + offset) };
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseOffset(raw: string | undefined): number {
  if (!raw) return 0;
  const m = /^([+-]?\d+)(ms|s|m|h|d)?$/.exec(raw.trim());
  if (!m) throw new Error(`LUOSHI_CLOCK_OFFSET is not an offset like +3d, -2h or 5000: ${raw}`);
  return Number(m[1]) * UNIT_MS[m[2] ?? 'ms']!;
}
