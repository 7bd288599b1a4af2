// HTML pages of moderation about accounts: one account with what it wrote, blocking it (and hiding what it wrote in
// the same action), unblocking it.
import type { FastifyInstance } from 'fastify';
import { formValues } from '../../platform/http/forms.ts';
import { ValidationFailed } from '../../platform/errors.ts';
import { parse } from '../../platform/validation.ts';
import { BlockInput, ItemParams } from './inputs.ts';
import './policy.ts';
import { accountOf, writingsOf } from './queue.ts';
import { blockAccount, unblockAccount } from './service.ts';
import { AccountPage } from './views/account.tsx';

export function moderationAccountRoutes(app: FastifyInstance): void {
  const env = app.ctx;

  app.get('/moderation/accounts/:id', { config: { rule: 'moderation.block' } }, async (req, reply) => {
    const { id } = parse(ItemParams, req.params);
    const [account, writings] = await Promise.all([accountOf(env.db, id), writingsOf(env.db, id)]);
    return reply.page(AccountPage({ ctx: req.view(), account, writings }));
  });

  app.post('/moderation/accounts/:id/block', { config: { rule: 'moderation.block' } }, async (req, reply) => {
    const { id } = parse(ItemParams, req.params);
    try {
      const { hidden } = await blockAccount(env, req.actor, id, parse(BlockInput, req.body));
      return reply.flash({ kind: 'success', key: 'moderation:flash.blocked', vars: { count: String(hidden) } }).redirect(`/moderation/accounts/${id}`, 303);
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      const [account, writings] = await Promise.all([accountOf(env.db, id), writingsOf(env.db, id)]);
      return reply.page(AccountPage({ ctx: req.view(), account, writings, form: { values: formValues(req.body), errors: error.fields } }), 422);
    }
  });

  app.post('/moderation/accounts/:id/unblock', { config: { rule: 'moderation.block' } }, async (req, reply) => {
    const { id } = parse(ItemParams, req.params);
    const { restored } = await unblockAccount(env, req.actor, id);
    return reply.flash({ kind: 'success', key: 'moderation:flash.unblocked', vars: { count: String(restored) } }).redirect(`/moderation/accounts/${id}`, 303);
  });
}
