// The shapes of what people send to the organizations module, for forms, the API and its OpenAPI entries.
import { Type, type Static } from 'typebox';
import { domains, memberRoles, organizationTypes } from './schema.ts';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const OrganizationTypeSchema = literals(organizationTypes);
export const DomainSchema = literals(domains);
export const RoleSchema = literals(memberRoles);

export const OrganizationInput = Type.Object({
  name: Type.String({ minLength: 2, maxLength: 120 }),
  type: OrganizationTypeSchema,
  description: Type.Optional(Type.String({ maxLength: 5000 })),
  // Only https: a link shown to everyone must not downgrade them to plain HTTP or run a script.
  website: Type.Optional(Type.String({ maxLength: 500, pattern: '^https://[^\\s/?#]+\\.[^\\s]*$', 'x-error': 'format.uri' })),
  domains: Type.Optional(Type.Array(DomainSchema, { maxItems: 14 })),
  territory: Type.Optional(Type.String({ maxLength: 40, pattern: '^(commune|epci|departement|region):[0-9AB]{2,9}$', 'x-error': 'choice' })),
  siret: Type.Optional(Type.String({ pattern: '^[0-9]{14}$', 'x-error': 'organizations:validation.siretFormat' })),
});
export type OrganizationInput = Static<typeof OrganizationInput>;

export const InviteInput = Type.Object({
  email: Type.String({ format: 'email', maxLength: 254 }),
  role: RoleSchema,
});
export type InviteInput = Static<typeof InviteInput>;

export const MemberUpdate = Type.Object({
  role: Type.Optional(RoleSchema),
  action: Type.Optional(literals(['approve', 'decline'] as const)),
});
export type MemberUpdate = Static<typeof MemberUpdate>;

export const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 80 }) });
export const MemberParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 80 }), userId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
export const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });

/** Forms send one checkbox as a string and several as an array; SIRETs come with spaces. */
export function organizationForm(body: unknown): Record<string, unknown> {
  const values = body && typeof body === 'object' ? { ...(body as Record<string, unknown>) } : {};
  if (values.domains !== undefined) values.domains = [values.domains].flat().filter((d) => typeof d === 'string' && d !== '');
  if (typeof values.siret === 'string') values.siret = values.siret.replace(/[\s.]/g, '');
  return values;
}
