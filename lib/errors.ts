/**
 * Errors a person can act on. Every failure that reaches a client is an AppError with a code
 * that maps to an HTTP status; anything else is logged and answered as `internal`.
 */
export const errorStatus = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  validation: 422,
  conflict: 409,
  /** Someone else owns the conversation already (a lost claim race). */
  already_assigned: 409,
  rate_limited: 429,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Field name → message, for forms. */
  fields?: Record<string, string>;
  /** Facts a client can act on, e.g. who won a claim: `{ assignee: { id, name } }`. */
  details?: Record<string, unknown>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: Record<string, string>;
  readonly details?: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    fields?: Record<string, string>,
    details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fields = fields;
    this.details = details;
  }

  get status(): number {
    return errorStatus[this.code];
  }

  toBody(): ErrorBody {
    return {
      code: this.code,
      message: this.message,
      ...(this.fields ? { fields: this.fields } : {}),
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

export const notFound = (what = "That page") =>
  new AppError("not_found", `${what} does not exist or you do not have access to it.`);

export type Result<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

/** Turns any thrown value into an error body a client may see; unknown errors are logged. */
export function toErrorBody(error: unknown, context: string): ErrorBody {
  if (error instanceof AppError) return error.toBody();
  console.error(`[${context}]`, error);
  return { code: "internal", message: "Something went wrong on our side. Please try again." };
}
