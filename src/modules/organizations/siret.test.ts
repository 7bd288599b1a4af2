import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { categoryConfirms, isValidSiret, normalizeSiret, typesForCategory } from './siret.ts';

/** Completes 13 digits with the one check digit that makes a valid SIRET. */
function withCheckDigit(thirteen: string): string {
  for (let d = 0; d < 10; d++) if (isValidSiret(`${thirteen}${d}`)) return `${thirteen}${d}`;
  throw new Error('no check digit');
}

describe('SIRET', () => {
  test('known numbers pass and their neighbours fail', () => {
    assert.equal(isValidSiret('21690123100011'), true);
    assert.equal(isValidSiret('21690123100012'), false);
    assert.equal(isValidSiret('2169012310001'), false);
    assert.equal(isValidSiret('2169012310001a'), false);
    assert.equal(normalizeSiret('216 901 231.00011'), '21690123100011');
  });

  test('every 13 digits have exactly one check digit, and changing any one digit breaks it', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{13}$/), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 1, max: 9 }), (thirteen, position, delta) => {
        const siret = withCheckDigit(thirteen);
        const valid = [...Array(10).keys()].filter((d) => isValidSiret(`${thirteen}${d}`));
        assert.equal(valid.length, 1);
        const digit = (Number(siret[position]) + delta) % 10;
        const altered = siret.slice(0, position) + digit + siret.slice(position + 1);
        assert.equal(isValidSiret(altered), false);
      }),
    );
  });

  test('anything that is not 14 digits is refused', () => {
    fc.assert(fc.property(fc.string(), (s) => !/^\d{14}$/.test(s) ? isValidSiret(s) === false : true));
  });
});

describe('legal categories', () => {
  test('only local authorities confirm a collectivité', () => {
    for (const category of ['7210', '7220', '7229', '7230', '7344', '7346', '7348', '7355']) assert.ok(categoryConfirms(category, 'collectivite'), category);
    for (const category of ['5710', '5499', '9220', '7113', '4110', '1000', '', 'abc']) assert.equal(categoryConfirms(category, 'collectivite'), false, category);
  });

  test('companies confirm company types and aménageurs, never public ones', () => {
    for (const type of ['startup', 'pme_eti', 'grand_groupe', 'bureau_etudes', 'amenageur'] as const) assert.ok(categoryConfirms('5710', type), type);
    assert.equal(categoryConfirms('5710', 'service_etat'), false);
    assert.equal(categoryConfirms('5710', 'association'), false);
  });

  test('public developers, State services and associations', () => {
    assert.ok(categoryConfirms('4110', 'amenageur'));
    assert.ok(categoryConfirms('5515', 'amenageur'));
    assert.ok(categoryConfirms('7113', 'service_etat'));
    assert.ok(categoryConfirms('7389', 'service_etat'));
    assert.ok(categoryConfirms('9220', 'association'));
    assert.ok(categoryConfirms('9220', 'reseau'));
    assert.deepEqual(typesForCategory('8888'), []);
  });
});
