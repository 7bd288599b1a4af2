// /styleguide: every component in every state, valid HTML, in both languages; absent in production.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { htmlValidator } from '../../../test/support/html-validator.ts';
import { nuErrors } from '../../../test/support/nu-checker.ts';
import { Browser, testApp, type TestApp } from '../../../test/support/app.ts';
import { activeContent } from '../../../test/support/inert.ts';

describe('the styleguide', () => {
  let t: TestApp;
  let visitor: Browser;
  before(async () => {
    t = await testApp('pglite');
    visitor = new Browser(t.app, '10.41.0.1');
  });
  after(() => t.close());

  test('shows each component in each of its states', async () => {
    const page = await visitor.get('/styleguide');
    assert.equal(page.statusCode, 200);
    const html = page.body;
    for (const state of ['done', 'current', 'upcoming']) assert.match(html, new RegExp(`class="step step-${state}"`), state);
    assert.match(html, /aria-current="step"/);
    for (const badge of ['badge-upcoming', 'badge-open', 'badge-closed', 'badge-answer-under_study', 'badge-answer-retained', 'badge-answer-not_retained', 'badge-answer-done', 'badge-state-draft', 'badge-state-attributed', 'badge-state-abandoned', 'badge-verified', 'badge-claimed', 'badge-cancelled']) {
      assert.match(html, new RegExp(`class="badge ${badge}"`), badge);
    }
    assert.match(html, /<details class="filter-bar"/);
    assert.match(html, /<div class="table-scroll"/);
    assert.match(html, /id="error-summary"/);
    assert.match(html, /id="sg-error-title"/, 'an error beside its field');
    assert.match(html, /value="Pi"/, 'what was typed kept');
    assert.match(html, /class="empty-state"/);
    assert.match(html, /<nav class="pagination"/);
    assert.match(html, /<nav class="tabs"[^>]*><ul><li><a href="\/styleguide" aria-current="page">Premier<\/a>/);
    assert.match(html, /class="consultation-card"/);
    assert.match(html, /<meta name="robots" content="noindex"\/>/);
    assert.deepEqual(activeContent(html), []);
    const second = await visitor.get('/styleguide?tab=second');
    assert.match(second.body, /<a href="\/styleguide\?tab=second" aria-current="page">Deuxième<\/a>/);
    const confirm = await visitor.get('/styleguide?view=confirm');
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /name="confirmed" value="1"/);
    assert.match(confirm.body, /class="confirm-items"/);
    assert.equal((await visitor.get('/styleguide', { 'accept-language': 'en' })).statusCode, 200);
  });

  test('its pages are valid HTML (html-validate and the W3C Nu checker)', async () => {
    const pages = new Map<string, string>();
    for (const url of ['/styleguide', '/styleguide?view=confirm', '/styleguide?page=6&tab=third']) {
      const html = (await visitor.get(url)).body;
      const report = await htmlValidator.validateString(html);
      assert.deepEqual(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message} (${m.selector})`)), [], url);
      pages.set(url, html);
    }
    assert.deepEqual(await nuErrors(pages), []);
  });
});

describe('the styleguide in production', () => {
  test('answers 404: the route is not registered', async () => {
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    let t: TestApp | undefined;
    try {
      t = await testApp('pglite');
      const response = await t.app.inject({ method: 'GET', url: '/styleguide' });
      assert.equal(response.statusCode, 404);
    } finally {
      if (previous === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = previous;
      await t?.close();
    }
  });
});
