import { plural } from './time.ts';

// Sentences on the card are read by people, so they must read right for 0, 1 and any other number.

export const days = (count: number): string => plural(count, 'day');

/** "today", "1 day ago", "12 days ago". */
export const ago = (count: number): string => (count <= 0 ? 'today' : `${days(count)} ago`);

/** "today", "in 1 day", "in 20 days". */
export const inDays = (count: number): string => (count <= 0 ? 'today' : `in ${days(count)}`);

/** Nouns whose plural is not noun + "s". */
export const counted = (count: number, singular: string, pluralForm: string): string => `${count} ${count === 1 ? singular : pluralForm}`;

/** "champion or sponsor changed role (VP Operations to Advisor)"; a cleared title reads as the old one left behind. */
export const roleChangeText = (change: { from: string; to: string | null }): string =>
  `champion or sponsor changed role (${change.to === null ? `was ${change.from}` : `${change.from} to ${change.to}`})`;
