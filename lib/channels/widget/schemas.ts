import { z } from "zod";
import { storableTime } from "@/lib/conversations/cursor";
import { messageBodySchema } from "@/lib/conversations/schemas";
import { GREETING_MAX, VISITOR_NAME_MAX } from "./limits";

export const DEFAULT_GREETING = "Hi! How can we help?";

/** An optional text field: blank means "not given". */
const optionalText = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    schema.optional(),
  );

export const visitorMessageSchema = z.object({
  body: messageBodySchema,
  name: optionalText(
    z
      .string({ error: "Enter your name as text." })
      .trim()
      .max(VISITOR_NAME_MAX, {
        error: `Keep your name to ${VISITOR_NAME_MAX} characters or fewer.`,
      }),
  ),
  email: optionalText(
    z
      .string({ error: "Enter a valid email address, or leave it empty." })
      .trim()
      .max(254, { error: "Enter a valid email address, or leave it empty." })
      .pipe(z.email({ error: "Enter a valid email address, or leave it empty." })),
  ),
});
export type VisitorMessageInput = z.infer<typeof visitorMessageSchema>;

export const sessionRequestSchema = z.object({
  /** A token from an earlier visit; ignored when it is not valid for this workspace. */
  token: z.string().max(300).optional().catch(undefined),
});

export const afterSchema = z.object({
  after: z.iso
    .datetime({ offset: true, error: "Pass `after` as an ISO 8601 time." })
    // Year 0000 or past 9999 parse here but not in the database: a clear 422, not a 500.
    .refine((value) => storableTime(Date.parse(value)), {
      error: "Pass `after` as a time between 1970 and 9999.",
    })
    .optional(),
});

export const widgetSettingsSchema = z.object({
  teamId: z.preprocess(
    (value) => (value === "" || value === "none" ? null : value),
    z.uuid({ error: "That team does not exist or you do not have access to it." }).nullable(),
  ),
  greeting: z
    .string({ error: "Write a greeting." })
    .trim()
    .min(1, { error: "Write a greeting." })
    .max(GREETING_MAX, { error: `Keep the greeting to ${GREETING_MAX} characters or fewer.` }),
});
export type WidgetSettingsInput = z.infer<typeof widgetSettingsSchema>;
