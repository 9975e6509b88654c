import { describe, expect, it } from 'vitest';
import { outcomesOf, quotesOf, type ScoredAnswer } from '../../src/domain/outcomes.js';
import type { SurveyStage } from '../../src/domain/surveys.js';

const answer = (
  staffId: string,
  stage: SurveyStage,
  score: number,
  question = 'I understand racism at work',
  group: ScoredAnswer['group'] = 'mentees',
): ScoredAnswer => ({
  staffId,
  stage,
  group,
  question,
  score,
});

describe('outcomesOf', () => {
  it('gives n and the unrounded mean at each stage, and the paired change among those who answered at both', () => {
    const [outcome] = outcomesOf(
      [answer('a', 'start', 2), answer('b', 'start', 3), answer('c', 'start', 1), answer('a', 'end', 4), answer('b', 'end', 4), answer('d', 'end', 5)],
      null,
    );
    expect(outcome).toEqual({
      question: 'I understand racism at work',
      group: 'mentees',
      start: { n: 3, mean: 2 },
      mid: null,
      end: { n: 3, mean: 13 / 3 },
      change: { n: 2, mean: 1.5 },
    });
  });

  it('keeps mentees and mentors apart, mentees first, questions in the order first seen', () => {
    const outcomes = outcomesOf([answer('m', 'start', 3, 'Q2', 'mentors'), answer('a', 'start', 2, 'Q1'), answer('b', 'mid', 4, 'Q2')], null);
    expect(outcomes.map((o) => [o.question, o.group])).toEqual([
      ['Q2', 'mentees'],
      ['Q2', 'mentors'],
      ['Q1', 'mentees'],
    ]);
  });

  it('has no change when nobody answered at both start and end', () => {
    const [outcome] = outcomesOf([answer('a', 'start', 2), answer('b', 'end', 4)], null);
    expect(outcome.change).toBeNull();
    expect(outcome.start).toEqual({ n: 1, mean: 2 });
  });

  it('counts a person once per stage, with their last answer', () => {
    const [outcome] = outcomesOf([answer('a', 'start', 2), answer('a', 'start', 4)], null);
    expect(outcome.start).toEqual({ n: 1, mean: 4 });
  });

  it('below K shows the number as "<K" and no mean, at each stage and for the change', () => {
    const answers = ['a', 'b', 'c', 'd', 'e'].map((p) => answer(p, 'start', 3));
    const [outcome] = outcomesOf([...answers, answer('a', 'end', 5), answer('b', 'end', 4)], 5);
    expect(outcome.start).toEqual({ n: 5, mean: 3 });
    expect(outcome.end).toEqual({ n: '<5', mean: null });
    expect(outcome.change).toEqual({ n: '<5', mean: null });
  });
});

describe('quotesOf', () => {
  it('keeps only consented, non-blank text, ordered by stage, group and text', () => {
    const quotes = quotesOf([
      { stage: 'end', group: 'mentors', text: 'Zeal', consent: true },
      { stage: 'end', group: 'mentees', text: 'Opened my eyes', consent: true },
      { stage: 'start', group: 'mentors', text: ' Nervous ', consent: true },
      { stage: 'end', group: 'mentees', text: 'Secret', consent: false },
      { stage: 'end', group: 'mentees', text: '  ', consent: true },
      { stage: 'mid', group: 'mentees', text: null, consent: true },
    ]);
    expect(quotes).toEqual([
      { stage: 'start', group: 'mentors', text: 'Nervous' },
      { stage: 'end', group: 'mentees', text: 'Opened my eyes' },
      { stage: 'end', group: 'mentors', text: 'Zeal' },
    ]);
  });
});
