import type { Finding } from '../types';
import { addedEvidence } from './RuleDrawer';

const finding = (summary: string, evidence: string[]) => ({ summary, evidence }) as unknown as Finding;

describe('evidence in the drawer', () => {
  it('keeps only what adds to the summary shown right above it', () => {
    expect(
      addedEvidence(
        finding('No `for`: a single bad scrape pages someone.', [
          'No for: a single bad scrape pages someone',
          'a single bad scrape',
          '',
          'expr: up == 0 fires on one failed scrape (scrape interval 15s)',
        ])
      )
    ).toEqual(['expr: up == 0 fires on one failed scrape (scrape interval 15s)']);
  });

  it('keeps every line when none repeats the summary (control)', () => {
    const evidence = ['fired 41 times in 7 days', 'median episode 2 min'];
    expect(addedEvidence(finding('Noisy: pages more than the budget allows.', evidence))).toEqual(evidence);
  });
});
