import { ALL_CHECKS } from '../checks';

const TITLES = new Map<string, string>(ALL_CHECKS.map((c) => [c.id, c.title]));

/** What a check looks for, in a few words; the id itself for a check this page does not know yet. */
export function checkTitle(check: string): string {
  return TITLES.get(check) ?? check;
}
