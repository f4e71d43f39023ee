import { z } from "zod";
import type { KnowledgeKind } from "@/db/schema";

export const AGENT_NAME_MAX = 60;
export const INSTRUCTIONS_MAX = 4_000;
export const INITIAL_MESSAGE_MAX = 1_000;
export const SESSION_HOURS_MIN = 1;
export const SESSION_HOURS_MAX = 168;
export const DEFAULT_SESSION_HOURS = 24;
export const DEFAULT_AVATAR = "🤖";

/** Limits of a knowledge entry's two fields, by kind (the question/answer, the title/text). */
export const knowledgeLimits: Record<KnowledgeKind, { title: number; body: number }> = {
  qa: { title: 500, body: 4_000 },
  article: { title: 200, body: 20_000 },
};
/** What people call the two fields of each kind, in messages and labels. */
export const knowledgeFieldNames: Record<KnowledgeKind, { title: string; body: string }> = {
  qa: { title: "question", body: "answer" },
  article: { title: "title", body: "text" },
};

export const IMPORT_MAX_ROWS = 1_000;
export const IMPORT_MAX_BYTES = 1_048_576;

/** The avatars the settings page offers; any single emoji is accepted. */
export const agentAvatars = [
  { emoji: "🤖", label: "Robot" },
  { emoji: "✨", label: "Sparkles" },
  { emoji: "🧠", label: "Brain" },
  { emoji: "💬", label: "Speech bubble" },
  { emoji: "🦉", label: "Owl" },
  { emoji: "🦊", label: "Fox" },
  { emoji: "🐙", label: "Octopus" },
  { emoji: "🐝", label: "Bee" },
  { emoji: "🚀", label: "Rocket" },
  { emoji: "🌟", label: "Star" },
  { emoji: "🎧", label: "Headphones" },
  { emoji: "🛟", label: "Life buoy" },
] as const;

const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });
const pictographic = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

/** One user-perceived character that is an emoji (flags, skin tones and ZWJ families count as one). */
export function isSingleEmoji(value: string): boolean {
  const segments = [...graphemes.segment(value)];
  return segments.length === 1 && pictographic.test(value);
}

export const agentNameSchema = z
  .string({ error: "Name the agent." })
  .trim()
  .min(1, { error: "Name the agent." })
  .max(AGENT_NAME_MAX, {
    error: `Keep the agent's name to ${AGENT_NAME_MAX} characters or fewer.`,
  });

export const agentAvatarSchema = z
  .string({ error: "Pick an emoji as the avatar." })
  .trim()
  .refine(isSingleEmoji, { error: "Pick one emoji as the avatar." });

const agentId = z.uuid({ error: "That agent does not exist or you do not have access to it." });
const entryId = z.uuid({ error: "That entry does not exist or you do not have access to it." });

/** The team to hand off to; empty (the form's "No team") or null means none. */
const noSuchTeam = "That team does not exist or you do not have access to it.";
const handoffTeamId = z
  .union([z.literal(""), z.uuid({ error: noSuchTeam })], { error: noSuchTeam })
  .nullable()
  .optional()
  .transform((value) => value || null);

const agentFields = z.object({
  name: agentNameSchema,
  avatar: agentAvatarSchema.default(DEFAULT_AVATAR),
  instructions: z
    .string({ error: "Write the instructions as text." })
    .trim()
    .max(INSTRUCTIONS_MAX, {
      error: `Keep the instructions to ${INSTRUCTIONS_MAX.toLocaleString("en")} characters or fewer.`,
    })
    .default(""),
  handoffTeamId,
  sendInitialMessage: z.boolean({ error: "Turn the initial message on or off." }).default(false),
  initialMessage: z
    .string({ error: "Write the initial message as text." })
    .trim()
    .max(INITIAL_MESSAGE_MAX, {
      error: `Keep the initial message to ${INITIAL_MESSAGE_MAX.toLocaleString("en")} characters or fewer.`,
    })
    .default(""),
  maxSessionHours: z
    .number({ error: `Enter a number of hours from ${SESSION_HOURS_MIN} to ${SESSION_HOURS_MAX}.` })
    .int({ error: "Enter a whole number of hours." })
    .min(SESSION_HOURS_MIN, {
      error: `Enter a number of hours from ${SESSION_HOURS_MIN} to ${SESSION_HOURS_MAX}.`,
    })
    .max(SESSION_HOURS_MAX, {
      error: `Sessions last at most ${SESSION_HOURS_MAX} hours (a week).`,
    })
    .default(DEFAULT_SESSION_HOURS),
});

function initialMessageWhenSent(
  value: { sendInitialMessage: boolean; initialMessage: string },
  context: z.RefinementCtx,
) {
  if (value.sendInitialMessage && value.initialMessage === "") {
    context.addIssue({
      code: "custom",
      path: ["initialMessage"],
      message: "Write the initial message, or turn it off.",
    });
  }
}

export const createAgentSchema = agentFields.superRefine(initialMessageWhenSent);
export type CreateAgentInput = z.infer<typeof createAgentSchema>;

export const updateAgentSchema = agentFields
  .extend({ agentId })
  .superRefine(initialMessageWhenSent);
export type UpdateAgentInput = z.infer<typeof updateAgentSchema>;

export const deleteAgentSchema = z.object({ agentId });
export type DeleteAgentInput = z.infer<typeof deleteAgentSchema>;

function entryText(kind: KnowledgeKind, field: "title" | "body") {
  const name = knowledgeFieldNames[kind][field];
  const max = knowledgeLimits[kind][field];
  return z
    .string({ error: `Write the ${name}.` })
    .trim()
    .min(1, { error: `Write the ${name}.` })
    .max(max, { error: `Keep the ${name} to ${max.toLocaleString("en")} characters or fewer.` });
}

const qaContent = z.object({
  kind: z.literal("qa"),
  title: entryText("qa", "title"),
  body: entryText("qa", "body"),
});
const articleContent = z.object({
  kind: z.literal("article"),
  title: entryText("article", "title"),
  body: entryText("article", "body"),
});
const kindError = { error: "Choose Q&A or article." };

export const knowledgeContentSchema = z.discriminatedUnion(
  "kind",
  [qaContent, articleContent],
  kindError,
);
export type KnowledgeContent = z.infer<typeof knowledgeContentSchema>;

export const addKnowledgeSchema = z.discriminatedUnion(
  "kind",
  [qaContent.extend({ agentId }), articleContent.extend({ agentId })],
  kindError,
);
export type AddKnowledgeInput = z.infer<typeof addKnowledgeSchema>;

export const updateKnowledgeSchema = z.discriminatedUnion(
  "kind",
  [qaContent.extend({ entryId }), articleContent.extend({ entryId })],
  kindError,
);
export type UpdateKnowledgeInput = z.infer<typeof updateKnowledgeSchema>;

export const deleteKnowledgeSchema = z.object({ entryId });
export type DeleteKnowledgeInput = z.infer<typeof deleteKnowledgeSchema>;

export const importKnowledgeSchema = z.object({
  agentId,
  csv: z
    .string({ error: "Choose a CSV file to import." })
    .refine((text) => new TextEncoder().encode(text).byteLength <= IMPORT_MAX_BYTES, {
      error: "The file is larger than 1 MB; split it and import the parts one after another.",
    }),
});
export type ImportKnowledgeInput = z.infer<typeof importKnowledgeSchema>;

export const knowledgeKindFilters = ["all", "qa", "article"] as const;
export type KnowledgeKindFilter = (typeof knowledgeKindFilters)[number];
