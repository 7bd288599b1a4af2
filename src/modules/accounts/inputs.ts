// The shapes of what people send to the accounts module, shared by forms, the API and its OpenAPI entries.
import { Type, type Static } from 'typebox';

const email = Type.String({ format: 'email', maxLength: 254 });
const password = Type.String({ minLength: 10, maxLength: 128 });
const displayName = Type.String({ minLength: 2, maxLength: 80 });
const locale = Type.Union([Type.Literal('fr'), Type.Literal('en')]);

export const RegisterInput = Type.Object({
  email,
  displayName,
  password,
  charter: Type.Literal('1', { 'x-error': 'charterRequired' }),
});
export type RegisterInput = Static<typeof RegisterInput>;

export const LoginInput = Type.Object({ email: Type.String({ minLength: 1, maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: 128 }) });
export type LoginInput = Static<typeof LoginInput>;

export const EmailInput = Type.Object({ email });
export type EmailInput = Static<typeof EmailInput>;

export const ResetInput = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }), password });
export type ResetInput = Static<typeof ResetInput>;

export const ProfileInput = Type.Object({ displayName, bio: Type.Optional(Type.String({ maxLength: 2000 })), locale });
export type ProfileInput = Static<typeof ProfileInput>;

export const PasswordChangeInput = Type.Object({ currentPassword: Type.String({ minLength: 1, maxLength: 128 }), newPassword: password });
export type PasswordChangeInput = Static<typeof PasswordChangeInput>;

export const EmailChangeInput = Type.Object({ newEmail: email, currentPassword: Type.String({ minLength: 1, maxLength: 128 }) });
export type EmailChangeInput = Static<typeof EmailChangeInput>;

/** read: GET only; write: everything the account may do. Chosen at creation, never widened afterwards. */
export const TokenInput = Type.Object({ name: Type.String({ minLength: 1, maxLength: 60 }), scope: Type.Optional(Type.Union([Type.Literal('read'), Type.Literal('write')])) });
export type TokenInput = Static<typeof TokenInput>;

export const TokenProof = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });

export const DeleteAccountInput = Type.Object({
  currentPassword: Type.String({ minLength: 1, maxLength: 128 }),
  confirm: Type.Literal('1', { 'x-error': 'confirmDelete' }),
});
