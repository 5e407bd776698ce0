import { RE2JS } from 're2js';
import { memoBy } from './memo.ts';

/**
 * Admin-supplied patterns (meeting titles, executive job titles) run through RE2, whose matching time grows linearly
 * with the text: no pattern can stall the event loop the way `^(\w+\s?)+$x` does a backtracking engine. RE2 has no
 * backreferences or lookaround; the config validator says so when a pattern uses them. Case-insensitive, as before.
 */
export type Pattern = { test(text: string): boolean };

// Patterns come from a handful of configs; compiled once each, and the cache is bounded in case sources churn. The
// texts they test repeat from company to company (meeting titles, job titles), and RE2's matcher in JavaScript was
// a tenth of a score: each pattern remembers its answer for the texts it has seen.
export const compilePattern = memoBy((source: string): Pattern => {
  const re = RE2JS.compile(source, RE2JS.CASE_INSENSITIVE);
  return { test: memoBy((text: string) => re.matcher(text).find(), 20_000) };
}, 500);

/** Why the source is not a pattern RE2 accepts, or null when it is. */
export const patternError = (source: string): string | null => {
  try {
    compilePattern(source);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
};
