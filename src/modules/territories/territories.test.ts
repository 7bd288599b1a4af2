import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { codesWithin, fold, getTerritory, parseTerritoryKey, searchTerritories } from './data.ts';

const keys = (q: string, limit = 5) => searchTerritories(q, limit).map((t) => `${t.kind}:${t.code}`);

describe('territories', () => {
  test('by name, accents and case ignored, the best match first', () => {
    assert.equal(keys('lyon')[0], 'commune:69123');
    assert.equal(keys('LYON')[0], 'commune:69123');
    assert.equal(keys('Métropole de Lyon')[0], 'epci:200046977');
    assert.equal(keys('metropole de lyon')[0], 'epci:200046977');
    assert.equal(keys('Bouches-du-Rhône')[0], 'departement:13');
    assert.equal(keys('bouches du rhone')[0], 'departement:13');
    assert.ok(keys('provence')[0] === 'region:93' || keys('provence', 10).includes('region:93'));
  });

  test('by official code', () => {
    assert.deepEqual(keys('69123'), ['commune:69123']);
    assert.equal(keys('13')[0], 'departement:13');
    assert.equal(keys('2A')[0], 'departement:2A');
    assert.equal(keys('200046977')[0], 'epci:200046977');
  });

  test('only current communes, with where they sit', () => {
    const lyon = getTerritory('commune', '69123')!;
    assert.deepEqual(lyon, { kind: 'commune', code: '69123', name: 'Lyon', departement: '69', region: '84', epci: '200046977' });
    assert.equal(getTerritory('commune', '69381'), undefined, 'a municipal district is not a commune');
    assert.equal(getTerritory('region', '93')?.name, "Provence-Alpes-Côte d'Azur");
    assert.equal(parseTerritoryKey('commune:13055')?.name, 'Marseille');
    assert.equal(parseTerritoryKey('nonsense'), undefined);
    assert.equal(parseTerritoryKey('planet:3'), undefined);
  });

  test('empty or strange queries give nothing or little, never an error', () => {
    assert.deepEqual(searchTerritories(''), []);
    assert.deepEqual(searchTerritories('   '), []);
    assert.ok(searchTerritories('%_\\<script>', 5).length <= 5);
    assert.equal(searchTerritories('saint', 500).length, 50);
    assert.equal(fold("L'Haÿ-les-Roses"), 'l hay les roses');
  });

  test('what lies within a département, a region, an EPCI', () => {
    const within13 = codesWithin('13');
    assert.ok(within13.includes('13055') && within13.includes('13001') && !within13.includes('69123'));
    assert.ok(codesWithin('200046977').includes('69123'));
    const sud = codesWithin('93');
    assert.ok(sud.includes('13') && sud.includes('13055') && sud.includes('200054807'));
  });
});
