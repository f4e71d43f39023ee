import { z } from "zod";
import { memberStatuses, messageKinds } from "@/db/schema";
import {
  channelValues,
  listQuerySchema,
  messageBodySchema,
  viewValues,
} from "@/lib/conversations/schemas";
import { AppError, type ErrorCode, errorStatus } from "@/lib/errors";

/**
 * The inbound API's schemas: the request schemas validate every request, and the OpenAPI
 * document (build-openapi-document.ts) is generated from these same objects, so the two
 * cannot drift. Response schemas type what the handlers return (to-api-conversation.ts).
 */

const channel = z.enum(channelValues).meta({
  description: "The channel the customer writes on. `api` for custom channels and bridges.",
});

// ── Requests ──────────────────────────────────────────────────────────────────────────────

export const createConversationSchema = z
  .object({
    channel: z
      .enum(["api", "whatsapp", "web_chat"], {
        error: "Pick a channel: api, whatsapp or web_chat.",
      })
      .default("api")
      .meta({ description: "The channel the customer writes on. Defaults to `api`." }),
    handle: z
      .string({ error: "Send the contact's handle on this channel." })
      .trim()
      .min(1, { error: "Send the contact's handle on this channel." })
      .max(200, { error: "Keep the handle to 200 characters or fewer." })
      .meta({
        description:
          "How the channel knows the contact (your user id, a phone number…). The same channel and handle continue the same conversation.",
      }),
    contact: z
      .object({
        name: z.string().trim().max(200).optional(),
        email: z
          .string()
          .trim()
          .max(254, { error: "Keep the contact's email to at most 254 characters." })
          .pipe(z.email({ error: "Send a valid email address for the contact." }))
          .optional(),
        phone: z.string().trim().max(50).optional(),
      })
      .optional()
      .meta({
        description:
          "Details of the contact. They fill empty fields only; they never overwrite what an agent saw.",
      }),
    body: messageBodySchema.meta({ description: "The customer's message, 1 to 4,000 characters." }),
    subject: z
      .string()
      .trim()
      .max(200, { error: "Keep the subject to 200 characters or fewer." })
      .optional()
      .meta({ description: "The subject of a conversation this message starts." }),
  })
  .meta({
    description:
      "An inbound customer message. It continues the contact's conversation on this channel (reopening a closed one) or starts one.",
  });
export type CreateConversationInput = z.output<typeof createConversationSchema>;

export const postMessageSchema = z
  .object({
    body: messageBodySchema.meta({ description: "The customer's message, 1 to 4,000 characters." }),
  })
  .meta({ description: "An inbound customer message into an existing conversation." });

const assignmentChoice = "Send exactly one of `memberId`, `teamId`, `agentId` or `unassign`.";

export const assignmentRequestSchema = z
  .strictObject(
    {
      memberId: z
        .uuid({ error: "That member does not exist or you do not have access to it." })
        .optional()
        .meta({
          description:
            "Make this member the assignee, replacing whoever was (one member at a time).",
        }),
      ifUnassigned: z.boolean({ error: "`ifUnassigned` is true or false." }).optional().meta({
        description:
          "With `memberId`: assign only if nobody is assigned now. If someone got there first, the answer is `409 already_assigned` naming them, like a lost claim.",
      }),
      teamId: z
        .uuid({ error: "That team does not exist or you do not have access to it." })
        .optional()
        .meta({
          description:
            "Give the conversation this team. When the team routes (balanced or round robin), one of its members is chosen by that mode and becomes the assignee.",
        }),
      agentId: z
        .uuid({ error: "That AI agent does not exist or you do not have access to it." })
        .optional()
        .meta({
          description:
            "Hand the conversation to this AI agent: an agent session starts and the agent answers every customer message until the session ends. One agent at a time.",
        }),
      sendInitialMessage: z
        .boolean({ error: "`sendInitialMessage` is true or false." })
        .optional()
        .meta({
          description:
            "With `agentId`: the agent greets the customer first with its initial message. Defaults to the agent's own setting.",
        }),
      unassign: z
        .enum(["member", "team", "agent"], { error: "`unassign` is `member`, `team` or `agent`." })
        .optional()
        .meta({
          description:
            "Take the member or the team off the conversation, or end the AI agent's session (`agent`).",
        }),
    },
    { error: (issue) => (issue.code === "unrecognized_keys" ? assignmentChoice : undefined) },
  )
  .superRefine((body, context) => {
    const chosen = [body.memberId, body.teamId, body.agentId, body.unassign].filter(
      (v) => v !== undefined,
    );
    if (chosen.length !== 1) context.addIssue({ code: "custom", message: assignmentChoice });
    else if (body.ifUnassigned !== undefined && body.memberId === undefined) {
      context.addIssue({
        code: "custom",
        path: ["ifUnassigned"],
        message: "`ifUnassigned` goes with `memberId` only.",
      });
    } else if (body.sendInitialMessage !== undefined && body.agentId === undefined) {
      context.addIssue({
        code: "custom",
        path: ["sendInitialMessage"],
        message: "`sendInitialMessage` goes with `agentId` only.",
      });
    }
  })
  .meta({
    description:
      "Change who owns the conversation: exactly one of `memberId`, `teamId`, `agentId` or `unassign`. The same rules as in the inbox apply: group conversations and conversations with assignment turned off take no member and no AI agent.",
  });
export type AssignmentRequest = z.output<typeof assignmentRequestSchema>;

/** An API key is no member, so the views that need one (`mine`) are not offered. */
export const apiViews = viewValues.filter(
  (view): view is Exclude<(typeof viewValues)[number], "mine"> => view !== "mine",
);

const listFields = listQuerySchema.shape;

/** The inbox list query, minus what only means something to a member (`mine`, `unread`). */
export const listConversationsQuerySchema = listQuerySchema.omit({ unread: true }).extend({
  view: z
    .enum(apiViews, {
      error: `Pick a view: ${apiViews.join(", ")}. An API key is not a member, so it has no 'mine' view.`,
    })
    .default("all")
    .meta({ description: "Which conversations: like the inbox sidebar. Defaults to `all`." }),
  teamId: listFields.teamId.meta({ description: "The team of the `team` view." }),
  assignee: listFields.assignee.meta({
    description: "Only conversations assigned to this member id, or `none` for unassigned.",
  }),
  team: listFields.team.meta({ description: "Only conversations of this team id, or `none`." }),
  status: listFields.status.meta({ description: "Defaults to `open` (`closed` in that view)." }),
  channel: listFields.channel.meta({ description: "Only conversations on this channel." }),
  agent: listFields.agent.meta({
    description: "`any`: handled by an AI agent now; `none`: not.",
  }),
  q: listFields.q.meta({
    description: "Search: a word of any message, or part of the contact's name, email or phone.",
  }),
  cursor: listFields.cursor.meta({
    description: "`nextCursor` of the previous page; omit it for the first page.",
  }),
  limit: listFields.limit.meta({ description: "Items per page, 1 to 100. Defaults to 50." }),
});

export const conversationIdParamSchema = z
  .uuid()
  .meta({ description: "The conversation's id, as returned by the API." });

// ── Responses ─────────────────────────────────────────────────────────────────────────────

const timestamp = z.iso.datetime();
const person = z.object({ id: z.uuid(), name: z.string() });
const team = z.object({ id: z.uuid(), name: z.string() });

export const contactSchema = z.object({
  id: z.uuid(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
});

export const conversationSummarySchema = z
  .object({
    id: z.uuid(),
    channel,
    status: z.enum(["open", "closed"]),
    preview: z.string().nullable().meta({ description: "The last message, shortened." }),
    lastMessageAt: timestamp,
    waitingSince: timestamp
      .nullable()
      .meta({ description: "Since when the customer has waited for an answer." }),
    aiHandled: z.boolean().meta({ description: "An AI agent is handling it now." }),
    contact: contactSchema,
    assignee: person.nullable(),
    team: team.nullable(),
  })
  .meta({ description: "A conversation as the inbox lists it." });
export type ApiConversationSummary = z.output<typeof conversationSummarySchema>;

export const messageSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(messageKinds).meta({
      description:
        "`inbound` from the contact, `outbound` a reply, `note` an internal note members see (never the customer), `system` an event line.",
    }),
    body: z.string(),
    createdAt: timestamp,
    author: person
      .extend({
        kind: z.enum(["member", "agent"]).meta({
          description: "`member` for a person of the team, `agent` for an AI agent.",
        }),
      })
      .nullable()
      .meta({ description: "Who wrote a reply or note: a member or an AI agent." }),
  })
  .meta({ description: "One message of a conversation's thread." });
export type ApiMessage = z.output<typeof messageSchema>;

export const conversationDetailSchema = conversationSummarySchema
  .omit({ preview: true })
  .extend({
    subject: z.string().nullable(),
    createdAt: timestamp,
    closedAt: timestamp.nullable(),
    contact: contactSchema.extend({
      identities: z.array(z.object({ channel, handle: z.string() })),
    }),
    messages: z.array(messageSchema).meta({ description: "The whole thread, oldest first." }),
  })
  .meta({ description: "A conversation with its contact, owners and thread." });
export type ApiConversation = z.output<typeof conversationDetailSchema>;

export const conversationPageSchema = z
  .object({
    items: z.array(conversationSummarySchema),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: "Pass it as `cursor` for the next page; null on the last page." }),
  })
  .meta({ description: "One page of conversations, newest activity first." });

export const createdConversationSchema = z.object({
  conversation: conversationDetailSchema,
  message: messageSchema,
  started: z.boolean().meta({ description: "True when this message started a conversation." }),
  reopened: z.boolean().meta({ description: "True when it reopened a closed conversation." }),
});
export type ApiCreatedConversation = z.output<typeof createdConversationSchema>;

export const postedMessageSchema = createdConversationSchema.omit({ started: true });
export type ApiPostedMessage = z.output<typeof postedMessageSchema>;

const decisionMember = z.object({
  memberId: z.uuid(),
  name: z.string(),
  openConversations: z.int().meta({ description: "Open conversations assigned to them then." }),
  capacity: z.int().nullable().meta({ description: "Their capacity then; null = unlimited." }),
  lastAssignedAt: timestamp.nullable(),
});

export const routingDecisionSchema = z
  .object({
    event: z.enum(["routed", "queued"]).meta({
      description: "`routed`: a member was chosen; `queued`: nobody was eligible, so it waited.",
    }),
    at: timestamp,
    trigger: z.string().nullable().meta({
      description:
        "What set routing off: `arrival`, `reopened`, `team_assigned`, `member_removed`, `queue`…",
    }),
    reason: z
      .string()
      .nullable()
      .meta({ description: "One line, e.g. `fewest open: 2; last assigned 14:02`." }),
    strategy: z.enum(["balanced", "round_robin"]),
    team: team.nullable().meta({ description: "The team whose members were the pool." }),
    chosen: decisionMember.nullable(),
    tieBreak: z
      .enum(["only_candidate", "fewest_open", "oldest_assignment", "member_id", "rotation"])
      .nullable()
      .meta({ description: "How the chosen member was told apart from the next best." }),
    considered: z
      .array(decisionMember)
      .meta({ description: "Eligible members, best first (at most 12; see eligibleCount)." }),
    eligibleCount: z.int(),
    skipped: z
      .array(
        decisionMember.extend({
          reason: z.enum(["cannot_reply", "not_accepting", "away", "offline", "at_capacity"]),
        }),
      )
      .meta({ description: "Members passed over and why (at most 12; see skippedCount)." }),
    skippedCount: z.int(),
    explanation: z
      .array(z.string())
      .meta({ description: "The decision in plain words, one sentence per line." }),
  })
  .meta({ description: "The latest routing decision for the conversation, as it was taken." });

export const assignmentSchema = z
  .object({
    conversationId: z.uuid(),
    assignee: person
      .extend({ status: z.enum(memberStatuses) })
      .nullable()
      .meta({ description: "The member who owns the conversation, with their status now." }),
    team: team.nullable(),
    agent: z
      .object({
        id: z.uuid(),
        name: z.string(),
        sessionId: z.uuid(),
        startedAt: timestamp,
        expiresAt: timestamp,
      })
      .nullable()
      .meta({
        description: "The AI agent handling the conversation (its active session), if any.",
      }),
    assignmentDisabled: z
      .boolean()
      .meta({ description: "Assignment is turned off for this conversation." }),
    queuedAt: timestamp
      .nullable()
      .meta({ description: "Since when it waits for an eligible member; null if it does not." }),
    latestDecision: routingDecisionSchema.nullable(),
  })
  .meta({
    description: "Who owns the conversation now, and why the last routing chose as it did.",
  });
export type ApiAssignment = z.output<typeof assignmentSchema>;

export const errorSchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(errorStatus) as ErrorCode[]),
      message: z.string().meta({ description: "What went wrong and what to do, for a person." }),
      fields: z
        .record(z.string(), z.string())
        .optional()
        .meta({ description: "Field path → message, on validation errors." }),
      details: z.record(z.string(), z.unknown()).optional().meta({
        description:
          "Facts to act on. `already_assigned` carries `assignee: { id, name }`, who has it.",
      }),
    }),
  })
  .meta({ description: "Every error: a code that matches the HTTP status, and a message." });

/** The optional `Idempotency-Key` header of the two message-receiving POSTs. */
export const idempotencyKeySchema = z
  .string()
  .max(255, { error: "Keep the Idempotency-Key under 256 characters." })
  .regex(/^[\x21-\x7e]+$/, {
    error: "Send the Idempotency-Key as visible ASCII characters, without spaces.",
  })
  .nullable();

/**
 * The request's `Idempotency-Key`, or null without one: the same key again returns the
 * message received the first time, with `Idempotent-Replayed: true`, and writes nothing.
 */
export function idempotencyKeyOf(request: Request): string | null {
  const parsed = idempotencyKeySchema.safeParse(request.headers.get("idempotency-key"));
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "That Idempotency-Key is not valid.";
    throw new AppError("validation", message, { idempotencyKey: message });
  }
  return parsed.data;
}

/** The response headers of a message-receiving POST: says when it was a replay. */
export const replayHeaders = (replayed: boolean): HeadersInit =>
  replayed ? { "idempotent-replayed": "true" } : {};
