// The keys of what can be followed, for the modules that record events and the fan-out that reads followers.
import { territoryChain } from '../projects/matching.ts';

export const target = {
  consultation: (id: number) => `consultation:${id}`,
  phase: (id: number) => `phase:${id}`,
  contribution: (id: number) => `contribution:${id}`,
  project: (id: number) => `project:${id}`,
  organization: (id: number) => `organization:${id}`,
  event: (id: number) => `event:${id}`,
  territory: (kind: string, code: string) => `territory:${kind}:${code}`,
};

/** The follow keys of a territory and of every territory holding it (a commune's EPCI, département, région). */
export function territoryTargets(kind: string | null, code: string | null): string[] {
  const chain = territoryChain(kind, code) as Record<string, string | undefined>;
  const keys = Object.entries(chain).flatMap(([level, value]) => (value ? [target.territory(level, value)] : []));
  if (kind && code && !keys.includes(target.territory(kind, code))) keys.push(target.territory(kind, code));
  return keys;
}
