// PLACEHOLDER, replaced by the calls work (issue 5): pricing, diagnosis, guarantee, commitment, unsafe advice.
import type { Finding } from '../types.ts';

/** Hard findings on something the assistant would say on a call. */
export function detectCallFindings(text: string): Finding[] {
  void text;
  return [];
}
