import { Session } from 'node:inspector/promises';

/* Where a game's time goes, from the V8 sampling profiler: each part's inclusive share of the
 * samples, a part being every frame whose function has one of the given names (the bundle keeps
 * the engine's function names). Shares need no second timing of the same work, so they add up. */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Runs `work` under the profiler and returns each part's share of the time (0–1), plus "other". */
export async function profileShares(work: () => void, parts: Record<string, readonly string[]>): Promise<Record<string, number>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  work();
  const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
  session.disconnect();
  return sharesOf(profile, parts);
}

/* Time per part: a sample counts for the innermost listed frame on its stack (the world step
 * inside the driver's decide counts as the world step), so no time is counted twice. */
function sharesOf(profile: Profile, parts: Record<string, readonly string[]>): Record<string, number> {
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const owner = new Map<string, string>();
  for (const [part, names] of Object.entries(parts)) for (const name of names) owner.set(name, part);
  const out: Record<string, number> = { other: 0 };
  for (const part of Object.keys(parts)) out[part] = 0;
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    let part = 'other';
    for (let cur: number | undefined = id; cur !== undefined && part === 'other'; cur = parent.get(cur)) {
      part = owner.get(byId.get(cur)?.callFrame.functionName ?? '') ?? 'other';
    }
    out[part] = (out[part] ?? 0) + dt;
  });
  for (const k of Object.keys(out)) out[k] = total > 0 ? (out[k] ?? 0) / total : 0;
  return out;
}
