import { z } from "zod";
import { memberStatuses, plans, roles } from "@/db/schema";
import { capacityMessage, parseCapacity } from "./capacity";

const roleSchema = z.enum(roles, { error: "Pick a role: Admin, Manager, Agent or Viewer." });

/** Splits what people paste ("a@x.io, b@y.io\nc@z.io") into addresses. */
export function splitEmails(raw: string): string[] {
  return [
    ...new Set(
      raw
        .split(/[\s,;]+/)
        .map((part) => part.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

const emailCheck = z.email();

export const inviteSchema = z.object({
  emails: z
    .string({ error: "Enter at least one email address." })
    .max(5_000, { error: "Invite at most 50 people at a time." })
    .transform((raw, ctx) => {
      const emails = splitEmails(raw);
      if (emails.length === 0) {
        ctx.addIssue({ code: "custom", message: "Enter at least one email address." });
        return z.NEVER;
      }
      if (emails.length > 50) {
        ctx.addIssue({ code: "custom", message: "Invite at most 50 people at a time." });
        return z.NEVER;
      }
      const invalid = emails.filter((email) => !emailCheck.safeParse(email).success);
      if (invalid.length > 0) {
        ctx.addIssue({
          code: "custom",
          message: `${invalid.map((email) => `"${email}"`).join(", ")} ${invalid.length === 1 ? "is not a valid email address" : "are not valid email addresses"}. Nobody was invited.`,
        });
        return z.NEVER;
      }
      return emails;
    }),
  role: roleSchema,
  teamIds: z
    .array(z.uuid({ error: "Pick teams from the list." }))
    .max(50)
    .default([]),
});
export type InviteInput = z.infer<typeof inviteSchema>;

export const invitationIdSchema = z.object({
  invitationId: z.uuid({ error: "That invitation does not exist." }),
});
export const memberIdSchema = z.object({
  memberId: z.uuid({ error: "That member does not exist." }),
});
export const changeRoleSchema = memberIdSchema.extend({ role: roleSchema });
export const changePlanSchema = z.object({
  plan: z.enum(plans, { error: "Pick a plan: Starter, Team or Business." }),
});
export const acceptInvitationSchema = z.object({ token: z.string().min(20).max(200) });

/** Takes the raw text too, so the form and the server share one rule and one message. */
export const capacitySchema = z
  .union([z.number(), z.string(), z.null()], { error: capacityMessage })
  .transform((raw, ctx) => {
    const parsed = parseCapacity(raw);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: "custom", message: parsed.message });
    return z.NEVER;
  });

const statusSchema = z.enum(memberStatuses, { error: "Pick Online, Away or Offline." });
const acceptsChatsSchema = z.boolean({ error: "Accepts chats is on or off." });
const nothingToChange = { error: "Nothing to change." };

/** What a member changes about themselves: status and "accepts chats" (capacity is an Admin's). */
export const setMyAvailabilitySchema = z
  .object({ status: statusSchema.optional(), acceptsChats: acceptsChatsSchema.optional() })
  .refine(
    (input) => input.status !== undefined || input.acceptsChats !== undefined,
    nothingToChange,
  );
export type SetMyAvailabilityInput = z.infer<typeof setMyAvailabilitySchema>;

/** What an Admin changes about any member: capacity and "accepts chats". */
export const setAvailabilitySchema = memberIdSchema
  .extend({ acceptsChats: acceptsChatsSchema.optional(), capacity: capacitySchema.optional() })
  .refine(
    (input) => input.acceptsChats !== undefined || input.capacity !== undefined,
    nothingToChange,
  );
export type SetAvailabilityInput = z.infer<typeof setAvailabilitySchema>;
