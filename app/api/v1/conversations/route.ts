// GET /api/v1/conversations — one page of conversations (inbox views, filters, search, cursor)
// POST /api/v1/conversations — a customer message: continues the contact's conversation or starts one
import { apiKeyRoute } from "@/lib/api/api-key-route";
import { createConversationFromApi } from "@/lib/api/v1/create-conversation";
import { readJsonBody } from "@/lib/api/v1/read-json-body";
import {
  createConversationSchema,
  idempotencyKeyOf,
  listConversationsQuerySchema,
  replayHeaders,
} from "@/lib/api/v1/schemas";
import { toApiSummary } from "@/lib/api/v1/to-api-conversation";
import { parseInput } from "@/lib/auth/actions";
import { listConversations } from "@/lib/conversations/list-conversations";

export const GET = apiKeyRoute({ name: "GET /api/v1/conversations" }, async (request, context) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const query = parseInput(listConversationsQuerySchema, params);
  const page = await listConversations(context.db, context.viewer, query);
  return { items: page.items.map(toApiSummary), nextCursor: page.nextCursor };
});

export const POST = apiKeyRoute(
  { name: "POST /api/v1/conversations" },
  async (request, context) => {
    const idempotencyKey = idempotencyKeyOf(request);
    const input = parseInput(createConversationSchema, await readJsonBody(request));
    const { created, replayed } = await createConversationFromApi(context.db, {
      viewer: context.viewer,
      input,
      idempotencyKey,
    });
    return Response.json(created, { status: 201, headers: replayHeaders(replayed) });
  },
);
