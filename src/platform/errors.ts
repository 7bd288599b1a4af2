// Domain errors: services throw these; one place (http/errors.ts) turns them into HTTP answers.

/** A field's problem: an i18n key under `validation:` and its values. */
export interface FieldError {
  key: string;
  values?: Record<string, string | number>;
}
export type FieldErrors = Record<string, FieldError>;

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message?: string,
  ) {
    super(message ?? code);
  }
  /** what the person is told besides the code's message (a moderator's reason): plain text, escaped where shown */
  get detail(): string | undefined {
    return undefined;
  }
}

export class NotFound extends DomainError {
  constructor(what = 'resource') {
    super('not_found', 404, `${what} not found`);
  }
}

export class Unauthenticated extends DomainError {
  constructor() {
    super('unauthenticated', 401, 'sign in first');
  }
}

export class Forbidden extends DomainError {
  constructor(readonly rule?: string) {
    super('forbidden', 403, rule ? `not allowed: ${rule}` : 'not allowed');
  }
}

/** Too busy to answer now (the page being rendered by another request takes too long): try again shortly. */
export class Overloaded extends DomainError {
  constructor(readonly retryAfter: number) {
    super('unavailable', 503, 'overloaded');
  }
}

export class Conflict extends DomainError {
  constructor(code: string, message?: string) {
    super(code, 409, message);
  }
}

/** Bad input: one message per field, shown beside it (HTML) or listed under `fields` (API). */
export class ValidationFailed extends DomainError {
  constructor(readonly fields: FieldErrors) {
    super('validation_failed', 422, `invalid: ${Object.keys(fields).join(', ')}`);
  }
  static one(field: string, key: string, values?: FieldError['values']): ValidationFailed {
    return new ValidationFailed({ [field]: { key, values } });
  }
}
