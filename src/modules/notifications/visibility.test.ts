// Visibility is checked at delivery, not only when the notification is made: for each kind of notification whose
// subject can be taken out of someone's sight after the event — a contribution, comment, argument, question,
// response or event hidden by the moderators, a project made restricted, a person who left the organization a
// restricted project invited — the notification leaves the list, is left out of the digest and is not mailed. Each
// case is told to two people, one who has that kind mailed at once and one who has it in the weekly digest; a first
// case where nothing changes shows that both would have been mailed.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { consultationFixture, makeOrganization, makeUser, type ConsultationFixture } from '../../../test/support/roles.ts';
import { days } from '../../platform/clock.ts';
import { parse } from '../../platform/validation.ts';
import { createContribution, findContribution } from '../consultations/contributions.ts';
import { ContributionInput } from '../consultations/inputs.ts';
import { addArgument, addComment } from '../consultations/reactions.ts';
import { comments, contributionArguments } from '../consultations/schema.ts';
import { findConsultation, findPhase } from '../consultations/service.ts';
import { events } from '../events/schema.ts';
import type { ReportableKind } from '../moderation/schema.ts';
import { memberships } from '../organizations/schema.ts';
import { QuestionInput, ResponseInput } from '../projects/inputs.ts';
import { askQuestion } from '../projects/questions.ts';
import { saveResponse } from '../projects/responses.ts';
import { projects } from '../projects/schema.ts';
import { projectById } from '../projects/service.ts';
import { makeOrg, makeProject } from '../projects/testing.ts';
import { fanOut } from './fanout.ts';
import { followByTakingPart } from './follows.ts';
import type { Kind } from './kinds.ts';
import { sendDigests } from './mailing.ts';
import { recordEvent } from './record.ts';
import { follows } from './schema.ts';
import { setChannels } from './settings.ts';
import { actorOf, hide, notificationsOf, shownTo } from './testing.ts';

const body = 'Un texte assez long pour être une contribution.';

interface Case {
  name: string;
  /** the kind both people are told as */
  kind: Kind;
  /** makes the two people concerned and the thing happen; returns the change that takes it out of their sight */
  happen(people: [number, number], n: number): Promise<() => Promise<void>>;
  /** nothing changes: both are mailed and it stays in the list */
  stays?: boolean;
}

for (const dbKind of testDatabases()) {
  describe(`visibility at delivery, on ${dbKind}`, () => {
    let t: TestApp;
    let f: ConsultationFixture;
    let writer: number;
    let startup: number;
    let asker: number;
    before(async () => {
      t = await testApp(dbKind);
      const owner = await makeUser(t.app, 'vis-owner@example.org');
      writer = await makeUser(t.app, 'vis-writer@example.org');
      await makeOrganization(t.app, 'vis-ville', owner);
      f = await consultationFixture(t.app, 'vis-ville', owner, 'vis-consultation');
      asker = await makeUser(t.app, 'vis-startup@example.org');
      startup = await makeOrg(t.app.ctx.db, 'vis-startup', 'startup', [asker]);
    });
    after(() => t.close());

    const db = () => t.app.ctx.db;
    const follow = (people: number[], target: string) => Promise.all(people.map((userId) => followByTakingPart(db(), userId, target)));
    const phase = async () => {
      const consultation = await findConsultation(db(), f.slug);
      return { consultation, phase: findPhase(consultation, 1) };
    };
    const contribute = async (title: string) => {
      const { consultation, phase: open } = await phase();
      return (await createContribution(db(), await actorOf(db(), writer), consultation, open, parse(ContributionInput, { title, body, kind: 'need' }))).id;
    };
    /** A project of an organization of its own, the two people in it (or in the organization it invites). */
    const project = async (people: number[], n: number, visibility: 'public' | 'invited', peopleIn: 'owner' | 'guest') => {
      const owner = await makeOrg(db(), `vis-owner-${n}`, 'collectivite', peopleIn === 'owner' ? people : []);
      const guest = await makeOrg(db(), `vis-guest-${n}`, 'startup', peopleIn === 'guest' ? people : []);
      const id = await makeProject(db(), owner, { title: `Projet ${n}`, visibility, invited: visibility === 'invited' ? [guest] : [] });
      return { id, guest };
    };
    const deadline = (projectId: number) => db().transaction((tx) => recordEvent(tx, 'project.deadline', null, { projectId, projectTitle: `Projet ${projectId}`, deadline: new Date(Date.now() + days(2)).toISOString() }));

    const cases: Case[] = [
      {
        name: 'a contribution in a followed phase, left as it is',
        kind: 'new_contribution',
        stays: true,
        async happen(people) {
          await follow(people, `phase:${(await phase()).phase.id}`);
          await contribute('Une contribution qui reste');
          return async () => {};
        },
      },
      {
        name: 'a contribution in a followed phase, hidden by the moderators',
        kind: 'new_contribution',
        async happen(people) {
          await follow(people, `phase:${(await phase()).phase.id}`);
          const id = await contribute('Une contribution bientôt masquée');
          return () => hide(db(), 'contribution', id);
        },
      },
      ...(['comment', 'argument'] as const).map(
        (item): Case => ({
          name: `${item === 'argument' ? 'an' : 'a'} ${item} on a followed contribution, hidden by the moderators`,
          kind: 'activity',
          async happen(people) {
            await follow(people, `contribution:${f.contributionId}`);
            const contribution = await findContribution(db(), f.contributionId);
            const actor = await actorOf(db(), writer);
            const table = item === 'comment' ? comments : contributionArguments;
            if (item === 'comment') await addComment(db(), actor, contribution, { body: 'Un commentaire bientôt masqué.' });
            else await addArgument(db(), actor, contribution, { side: 'against', text: 'Un argument bientôt masqué.' });
            const [row] = await db().select({ id: table.id }).from(table).where(eq(table.contributionId, f.contributionId)).orderBy(desc(table.id)).limit(1);
            return () => hide(db(), item as ReportableKind, row!.id);
          },
        }),
      ),
      {
        name: 'a question to the owner team, hidden by the moderators',
        kind: 'project_question',
        async happen(people, n) {
          const { id } = await project(people, n, 'public', 'owner');
          const question = await askQuestion(t.app.ctx, await actorOf(db(), asker), (await projectById(db(), id))!, parse(QuestionInput, { body: 'Une question bientôt masquée ?', visibility: 'public' }));
          return () => hide(db(), 'question', question.id);
        },
      },
      {
        name: 'a response to the owner team, hidden by the moderators',
        kind: 'project_response',
        async happen(people, n) {
          const { id } = await project(people, n, 'public', 'owner');
          const input = parse(ResponseInput, { summary: 'Une réponse bientôt masquée.', approach: 'Notre approche, en quelques lignes.', maturity: 5, confidentiality: 'owner_only' });
          const response = await saveResponse(db(), await actorOf(db(), asker), (await projectById(db(), id))!, input);
          return () => hide(db(), 'response', response.id);
        },
      },
      {
        name: 'an event on a followed territory’s agenda, hidden by the moderators',
        kind: 'new_event',
        async happen(people, n) {
          await follow(people, `territory:departement:${10 + n}`);
          const [event] = await db().insert(events).values({ slug: `vis-event-${n}`, kind: 'webinar', title: 'Un webinaire bientôt masqué', startsAt: new Date(Date.now() + days(5)), endsAt: new Date(Date.now() + days(5) + 3_600_000) }).returning();
          await db().transaction((tx) => recordEvent(tx, 'event.created', writer, { eventId: event!.id, title: event!.title, startsAt: event!.startsAt.toISOString(), animatorId: null, territories: [`territory:departement:${10 + n}`] }));
          return () => hide(db(), 'event', event!.id);
        },
      },
      {
        name: 'a followed project made restricted to invited organizations',
        kind: 'project_update',
        async happen(people, n) {
          const { id } = await project([], n, 'public', 'owner');
          await follow(people, `project:${id}`);
          await deadline(id);
          return async () => void (await db().update(projects).set({ visibility: 'invited' }).where(eq(projects.id, id)));
        },
      },
      {
        name: 'a restricted project, and the people removed from the organization it invited',
        kind: 'project_update',
        async happen(people, n) {
          const { id, guest } = await project(people, n, 'invited', 'guest');
          await follow(people, `project:${id}`);
          await deadline(id);
          return async () => void (await db().delete(memberships).where(and(eq(memberships.organizationId, guest), inArray(memberships.userId, people))));
        },
      },
    ];

    for (const [n, c] of cases.entries()) {
      test(`${c.name}: ${c.stays ? 'listed, mailed at once and in the digest' : 'gone from the list, the digest and the mail'}`, async () => {
        const emails = [`vis-${n}-now@example.org`, `vis-${n}-week@example.org`];
        const people = [await makeUser(t.app, emails[0]!), await makeUser(t.app, emails[1]!)] as [number, number];
        await setChannels(db(), people[0], { [c.kind]: 'immediate' });
        await setChannels(db(), people[1], { [c.kind]: 'weekly' });
        const change = await c.happen(people, n);
        await fanOut(t.app.ctx);
        for (const userId of people) assert.deepEqual((await notificationsOf(db(), userId)).map((r) => r.kind), [c.kind], 'both are told when it happens');
        await change();
        const mailedAtOnce = (await t.deliverMail()).filter((m) => emails.includes(m.to));
        await sendDigests(t.app.ctx, 'weekly', new Date(Date.now() + days(8)));
        const digests = (await t.deliverMail()).filter((m) => emails.includes(m.to));
        const listed = await Promise.all(people.map((userId) => shownTo(db(), userId)));
        if (c.stays) {
          assert.deepEqual(mailedAtOnce.map((m) => m.to), [emails[0]]);
          assert.deepEqual(digests.map((m) => m.to), [emails[1]]);
          assert.deepEqual(listed.map((l) => l.length), [1, 1]);
        } else {
          assert.deepEqual(mailedAtOnce.map((m) => m.subject), [], 'not mailed at once');
          assert.deepEqual(digests.map((m) => m.subject), [], 'left out of the digest (which then is not sent)');
          assert.deepEqual(listed, [[], []], 'gone from the list');
        }
        await db().delete(follows).where(inArray(follows.userId, people));
      });
    }
  });
}
