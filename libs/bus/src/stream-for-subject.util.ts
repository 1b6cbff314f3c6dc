import { STREAMS, subjectMatches, type StreamKey } from '@anvil/contracts';

/** The key of the stream whose subjects cover an un-namespaced subject or pattern (`anvil.job.*.*` → `JOBS`). */
export function streamForSubject(subject: string): StreamKey {
  for (const [key, definition] of Object.entries(STREAMS) as [StreamKey, (typeof STREAMS)[StreamKey]][]) {
    if (definition.subjects.some((streamSubject) => subjectMatches(streamSubject, subject))) {
      return key;
    }
  }
  throw new Error(`no stream covers subject ${subject}`);
}
