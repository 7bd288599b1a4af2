// Opinion groups recover groups planted in generated votes, and name the consensus and divisive contributions.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { analyseOpinions, type VoteInput, type VoteNumber } from './opinions.ts';
import { analyticsLibraries } from './libraries.ts';

// Loaded on first use, as the pages and the job do.
before(() => analyticsLibraries());

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/**
 * Two camps of 30: on items 0–9 camp A agrees and camp B disagrees; everyone agrees on 10–14; 15–19 get random votes.
 * Each person skips a vote now and then.
 */
function plantedVotes(seed: number, camps = 2, perCamp = 30) {
  const next = random(seed);
  const votes: VoteInput[] = [];
  const truth: number[] = [];
  for (let voter = 0; voter < camps * perCamp; voter++) {
    const camp = voter % camps;
    truth.push(camp);
    for (let item = 0; item < 20; item++) {
      if (next() < 0.1) continue;
      let value: VoteNumber;
      if (item < 10) value = camps === 2 ? (camp === 0 ? 1 : -1) : ([1, -1, 0] as const)[(camp + Math.floor(item / 4)) % 3]!;
      else if (item < 15) value = next() < 0.92 ? 1 : 0;
      else value = ([1, 0, -1] as const)[Math.floor(next() * 3)]!;
      votes.push({ voter, item, value });
    }
  }
  return { votes, truth, voters: camps * perCamp };
}

describe('opinion groups', () => {
  for (const seed of [1, 7, 2026]) {
    test(`two camps voting opposite on half the contributions are found (seed ${seed})`, () => {
      const { votes, truth, voters } = plantedVotes(seed);
      const result = analyseOpinions(voters, 20, votes)!;
      assert.ok(result, 'an analysis');
      assert.equal(result.groupSizes.length, 2);
      // Every voter of a camp lands in the same group, and the camps in different ones.
      const groupOfCamp = [result.assignments[0], result.assignments[1]];
      assert.notEqual(groupOfCamp[0], groupOfCamp[1]);
      truth.forEach((camp, voter) => assert.equal(result.assignments[voter], groupOfCamp[camp], `voter ${voter}`));
      assert.deepEqual([...result.consensus].sort((a, b) => a - b), [10, 11, 12, 13, 14]);
      assert.deepEqual(result.divisive.slice(0, 10).sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      for (const item of result.divisive.slice(10)) assert.ok(item >= 15, `only random items after the planted ones: ${item}`);
      const split = result.items[0]!.groups;
      assert.ok(split.some((g) => g.agree > 20 && g.disagree === 0) && split.some((g) => g.disagree > 20 && g.agree === 0));
    });
  }

  test('three camps make three groups', () => {
    const { votes, truth, voters } = plantedVotes(3, 3, 20);
    const result = analyseOpinions(voters, 20, votes)!;
    assert.equal(result.groupSizes.length, 3);
    const groups = new Map<number, Set<number>>();
    truth.forEach((camp, voter) => (groups.get(camp) ?? groups.set(camp, new Set()).get(camp)!).add(result.assignments[voter]!));
    assert.deepEqual([...groups.values()].map((s) => s.size), [1, 1, 1]);
  });

  test('too few voters or contributions give no groups', () => {
    assert.equal(analyseOpinions(5, 20, []), undefined);
    assert.equal(analyseOpinions(40, 2, []), undefined);
  });

  test('the same votes give the same groups', () => {
    const { votes, voters } = plantedVotes(11);
    assert.deepEqual(analyseOpinions(voters, 20, votes), analyseOpinions(voters, 20, votes));
  });
});
