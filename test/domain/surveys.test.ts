import { describe, expect, it } from 'vitest';
import { isSurveyStage, parseScore } from '../../src/domain/surveys.js';

describe('parseScore', () => {
  it.each([
    ['1', 1],
    ['5', 5],
    [' 3 ', 3],
    ['4.0', 4],
    ['Strongly disagree', 1],
    ['STRONGLY  DISAGREE', 1],
    ['disagree', 2],
    ['Tend to disagree', 2],
    ['Neither agree nor disagree', 3],
    ['Neither agree or disagree', 3],
    ['Neutral', 3],
    ['Agree', 4],
    ['agree.', 4],
    ['Somewhat agree', 4],
    ['strongly agree', 5],
    ['Strongly Agree', 5],
    ['4 - Agree', 4],
    ['5 Strongly agree', 5],
    ['1: Strongly disagree', 1],
    ['3) Neutral', 3],
  ])('%j scores %i', (raw, score) => {
    expect(parseScore(raw)).toBe(score);
  });

  it.each([[''], ['   ']])('blank %j is not answered', (raw) => {
    expect(parseScore(raw)).toBeNull();
  });

  it.each([['0'], ['6'], ['4.5'], ['10'], ['-1'], ['yes'], ['agreed'], ['4 - Disagree'], ['very much'], ['2 3']])('%j is neither', (raw) => {
    expect(parseScore(raw)).toBeUndefined();
  });
});

describe('isSurveyStage', () => {
  it.each([
    ['start', true],
    ['mid', true],
    ['end', true],
    ['Start', false],
    ['middle', false],
    ['', false],
  ])('%j is a stage: %s', (raw, expected) => {
    expect(isSurveyStage(raw)).toBe(expected);
  });
});
