// The official geography is public.
import { defineRules } from '../../platform/policy.ts';

export const territoryRules = defineRules({
  'territory.read': () => true,
});
