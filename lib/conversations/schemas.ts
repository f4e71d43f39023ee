import { z } from "zod";

export const channelValues = ["web_chat", "whatsapp", "api"] as const;
export const viewValues = ["mine", "unassigned", "team", "all", "ai", "closed"] as const;
export type View = (typeof viewValues)[number];

export const MESSAGE_MAX = 4_000;

const uuidOrNone = z.union([z.uuid(), z.literal("none")]);

/** The inbox list query: a view, filters that combine with it, a search, and a cursor. */
export const listQuerySchema = z.object({
  view: z.enum(viewValues).default("all"),
  /** The team of the `team` view. */
  teamId: z.uuid().optional(),
  assignee: uuidOrNone.optional(),
  team: uuidOrNone.optional(),
  status: z.enum(["open", "closed"]).optional(),
  channel: z.enum(channelValues).optional(),
  // "false" and "0" mean false (z.coerce.boolean would read any non-empty string as true).
  unread: z
    .union([z.boolean(), z.stringbool()], { error: "Use unread=true or unread=false." })
    .optional(),
  agent: z.enum(["any", "none"]).optional(),
  q: z.string().trim().max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

export const messageBodySchema = z
  .string({ error: "Write a message first." })
  .trim()
  .min(1, { error: "Write a message first." })
  .max(MESSAGE_MAX, {
    error: `Keep messages under ${MESSAGE_MAX.toLocaleString("en")} characters.`,
  });

export const sendMessageSchema = z.object({
  conversationId: z.uuid({ error: "That conversation does not exist." }),
  body: messageBodySchema,
  note: z.boolean().default(false),
});

export const conversationIdSchema = z.object({
  conversationId: z.uuid({ error: "That conversation does not exist." }),
});

export const setStatusSchema = conversationIdSchema.extend({ status: z.enum(["open", "closed"]) });

/** "Assign to me" (and anything else that names only the conversation). */
export const claimSchema = conversationIdSchema;

export const assignMemberSchema = conversationIdSchema.extend({
  memberId: z.uuid({ error: "Choose someone to assign." }),
});

export const assignTeamSchema = conversationIdSchema.extend({
  teamId: z.uuid({ error: "Choose a team." }),
});

export const unassignSchema = conversationIdSchema.extend({
  what: z.enum(["member", "team"], { error: "Say whether to unassign the member or the team." }),
});

export const assignmentDisabledSchema = conversationIdSchema.extend({
  disabled: z.boolean({ error: "Say whether assignment is off or on." }),
});

export const assignAgentSchema = conversationIdSchema.extend({
  agentId: z.uuid({ error: "Choose an AI agent." }),
  sendInitialMessage: z.boolean({ error: "Say whether the agent writes first." }),
});

export const endAgentSessionSchema = conversationIdSchema.extend({
  reason: z.enum(["ended_by_member", "unassigned"], {
    error: "Say whether the session is ended or the agent unassigned.",
  }),
});
