// Nobody is told of their own action, for every kind of event that has an actor: contributing in a phase I follow,
// commenting on or arguing about my own contribution, replying to my own comment, answering my own contribution as an
// organizer, publishing the synthesis of a phase I follow, answering in my own project, publishing the minutes of an
// event I follow. Each case has someone else concerned in the same way, who is told: the event did fan out.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { testApp, type TestApp } from '../../../test/support/app.ts';
import { testDatabases } from '../../../test/support/databases.ts';
import { consultationFixture, makeOrganization, makeUser, signIn, type ConsultationFixture } from '../../../test/support/roles.ts';
import { parse } from '../../platform/validation.ts';
import { answerContribution } from '../consultations/answers.ts';
import { AnswerInput } from '../consultations/inputs.ts';
import { findContribution } from '../consultations/contributions.ts';
import { addArgument, addComment } from '../consultations/reactions.ts';
import { phases } from '../consultations/schema.ts';
import { findConsultation, findPhase } from '../consultations/service.ts';
import { saveSynthesis } from '../consultations/syntheses.ts';
import { events } from '../events/schema.ts';
import { publishMinutes } from '../events/service.ts';
import { answerQuestion } from '../projects/questions.ts';
import { projectById } from '../projects/service.ts';
import { makeOrg, makeProject, makeQuestion } from '../projects/testing.ts';
import { followByTakingPart } from './follows.ts';
import { follows } from './schema.ts';
import { actorOf, notificationsOf } from './testing.ts';

const body = 'Un texte assez long pour être une contribution.';

for (const kind of testDatabases()) {
  describe(`own actions are never notified, on ${kind}`, () => {
    let t: TestApp;
    let f: ConsultationFixture;
    let ids: Record<'owner' | 'me' | 'other', number>;
    let mine: number;
    before(async () => {
      t = await testApp(kind);
      ids = { owner: await makeUser(t.app, 'oa-owner@example.org'), me: await makeUser(t.app, 'oa-me@example.org'), other: await makeUser(t.app, 'oa-other@example.org') };
      await makeOrganization(t.app, 'oa-ville', ids.owner);
      f = await consultationFixture(t.app, 'oa-ville', ids.owner, 'oa-consultation');
    });
    after(() => t.close());

    const db = () => t.app.ctx.db;
    /** The kinds of what this person was told by the event types given, once everything is fanned out. */
    const told = async (userId: number, types: string[]) => {
      await t.deliverMail();
      return (await notificationsOf(db(), userId)).filter((n) => types.includes(n.type)).map((n) => n.kind);
    };
    const follow = (userId: number, target: string) => followByTakingPart(db(), userId, target);

    test('I contribute in a phase I follow: the other follower is told, I am not', async () => {
      const [phase] = await db().select({ id: phases.id }).from(phases).where(eq(phases.position, 1));
      for (const userId of [ids.me, ids.other]) await follow(userId, `phase:${phase!.id}`);
      const me = await signIn(t.app, 'oa-me@example.org', '10.30.0.1');
      assert.equal((await me.post(`/consultations/${f.slug}/phases/1/contribute`, { title: 'Ma propre contribution', body, kind: 'need' })).statusCode, 303);
      assert.deepEqual(await told(ids.other, ['contribution.published']), ['new_contribution']);
      assert.deepEqual(await told(ids.me, ['contribution.published']), []);
      // I follow my contribution by making it.
      mine = Number((await db().select({ target: follows.target }).from(follows).where(eq(follows.userId, ids.me))).find((r) => r.target.startsWith('contribution:'))!.target.split(':')[1]);
    });

    test('I comment on my own contribution, reply to my own comment, argue about it: only its other follower is told', async () => {
      await follow(ids.other, `contribution:${mine}`);
      const contribution = await findContribution(db(), mine);
      const me = await actorOf(db(), ids.me);
      const comment = await addComment(db(), me, contribution, { body: 'Je précise ma propre idée.' });
      await addComment(db(), me, contribution, { body: 'Et je me réponds à moi-même.', parent: String(comment.id) });
      await addArgument(db(), me, contribution, { side: 'for', text: 'Mon propre argument.' });
      assert.deepEqual(await told(ids.other, ['comment.created', 'argument.created']), ['activity', 'activity', 'activity']);
      assert.deepEqual(await told(ids.me, ['comment.created', 'argument.created']), [], 'no reaction, reply or activity of my own');
      // The same, by someone else: I am told, as the author and as the one replied to.
      const other = await actorOf(db(), ids.other);
      await addComment(db(), other, contribution, { body: 'Je vous réponds.', parent: String(comment.id) });
      assert.deepEqual(await told(ids.me, ['comment.created']), ['reply']);
    });

    test('an organizer answers their own contribution officially: its follower is told, they are not', async () => {
      await follow(ids.other, `contribution:${f.contributionId}`);
      await answerContribution(db(), await actorOf(db(), ids.owner), await findContribution(db(), f.contributionId), parse(AnswerInput, { status: 'retained', answer: 'Nous retenons cette proposition.' }));
      assert.deepEqual(await told(ids.other, ['contribution.answered']), ['activity']);
      assert.deepEqual(await told(ids.owner, ['contribution.answered']), [], 'the author is the organizer who answered');
    });

    test('an organizer publishes the synthesis of a phase they follow', async () => {
      const consultation = await findConsultation(db(), f.slug);
      const closed = findPhase(consultation, 2);
      for (const userId of [ids.owner, ids.other]) await follow(userId, `phase:${closed.id}`);
      await saveSynthesis(db(), await actorOf(db(), ids.owner), consultation, closed, { body: 'La synthèse de la phase passée, assez longue.' }, true);
      assert.deepEqual(await told(ids.other, ['synthesis.published']), ['synthesis']);
      assert.deepEqual(await told(ids.owner, ['synthesis.published']), []);
    });

    test('I answer a question in my own project, which I follow: its other follower and the asker are told, I am not', async () => {
      const ownerOrg = await makeOrg(db(), 'oa-amenageur', 'collectivite', [ids.owner]);
      const asker = await makeUser(t.app, 'oa-asker@example.org');
      const startup = await makeOrg(db(), 'oa-startup', 'startup', [asker]);
      const projectId = await makeProject(db(), ownerOrg, { title: 'Projet ouvert' });
      for (const userId of [ids.owner, ids.other]) await follow(userId, `project:${projectId}`);
      const questionId = await makeQuestion(db(), projectId, asker, startup, 'public');
      await answerQuestion(t.app.ctx, await actorOf(db(), ids.owner), (await projectById(db(), projectId))!, questionId, { answer: 'Oui, bien sûr.' });
      assert.deepEqual(await told(ids.other, ['question.answered']), ['project_update']);
      assert.deepEqual(await told(asker, ['question.answered']), ['question_answered']);
      assert.deepEqual(await told(ids.owner, ['question.answered']), []);
    });

    test('an animator publishes the minutes of an event they follow', async () => {
      const [event] = await db().insert(events).values({ slug: 'oa-atelier', kind: 'in_person', title: 'Atelier', startsAt: new Date(Date.now() - 7_200_000), endsAt: new Date(Date.now() - 3_600_000) }).returning();
      for (const userId of [ids.me, ids.other]) await follow(userId, `event:${event!.id}`);
      await publishMinutes(db(), event!, 'Le compte rendu de l’atelier.', true, await actorOf(db(), ids.me));
      assert.deepEqual(await told(ids.other, ['event.minutes']), ['event_update']);
      assert.deepEqual(await told(ids.me, ['event.minutes']), []);
    });
  });
}
