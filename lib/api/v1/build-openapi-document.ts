import { z } from "zod";
import {
  assignmentRequestSchema,
  assignmentSchema,
  conversationDetailSchema,
  conversationIdParamSchema,
  conversationPageSchema,
  conversationSummarySchema,
  createConversationSchema,
  createdConversationSchema,
  errorSchema,
  idempotencyKeySchema,
  listConversationsQuerySchema,
  messageSchema,
  postedMessageSchema,
  postMessageSchema,
} from "./schemas";

type JsonSchema = z.core.JSONSchema.BaseSchema;

const ref = (id: string) => `#/components/schemas/${id}`;

/** JSON Schema 2020-12 is OpenAPI 3.1's dialect; only the per-document keys go. */
function embeddable(schema: JsonSchema): JsonSchema {
  return Object.fromEntries(
    Object.entries(schema).filter(([key]) => key !== "$schema" && key !== "$id"),
  );
}

function componentSchemas(entries: [string, z.ZodType][], io: "input" | "output") {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of entries) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { uri: ref, io });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => [id, embeddable(schema)]),
  );
}

/** Query parameters from the list query schema, one per field, all optional. */
function queryParameters() {
  const { properties = {} } = z.toJSONSchema(listConversationsQuerySchema, { io: "input" });
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...schema } = typeof property === "boolean" ? {} : property;
    return { name, in: "query", required: false, description, schema };
  });
}

const json = (id: string) => ({ "application/json": { schema: { $ref: ref(id) } } });
const error = (description: string) => ({ description, content: json("Error") });

const errors = {
  401: error("No API key, an unknown one or a revoked one (`unauthenticated`)."),
  404: error("No such conversation in the key's workspace (`not_found`)."),
  409: error("The conversation cannot take the message as asked (`conflict`)."),
  alreadyAssigned: error(
    "Someone got there first (`already_assigned`, with `details.assignee` naming them), or assignment is turned off for this conversation (`conflict`).",
  ),
  422: error("The request did not validate (`validation`); `fields` says where."),
};

const idParameter = {
  name: "id",
  in: "path",
  required: true,
  schema: embeddable(z.toJSONSchema(conversationIdParamSchema)),
};

const idempotencyParameter = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description:
    "Any unique string per message (up to 255 visible ASCII characters). Sending the same key again — a retry after a timeout — returns the message received the first time with `Idempotent-Replayed: true` and writes nothing; the same key with a different message is a 422.",
  schema: embeddable(z.toJSONSchema(idempotencyKeySchema.unwrap())),
};

const replayedHeader = {
  "Idempotent-Replayed": {
    description: "`true` when the response repeats an earlier request with the same key.",
    schema: { type: "string", enum: ["true"] },
  },
};

/**
 * The OpenAPI 3.1 document of the inbound API, generated from the zod schemas that validate
 * its requests and type its responses.
 */
function build() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Switchboard inbound API",
      version: "1",
      description:
        "Bring customer messages from custom channels and bridges into a Switchboard workspace, and read its conversations. Authenticate with an API key from Settings → API keys: `Authorization: Bearer <key>`.",
    },
    security: [{ bearerAuth: [] }],
    paths: {
      "/api/v1/conversations": {
        get: {
          operationId: "listConversations",
          summary: "List conversations",
          description:
            "One page of conversations, newest activity first, with the inbox's views and filters. Follow `nextCursor` for the next page.",
          parameters: queryParameters(),
          responses: {
            200: { description: "A page of conversations.", content: json("ConversationPage") },
            401: errors[401],
            422: errors[422],
          },
        },
        post: {
          operationId: "createConversation",
          summary: "Receive a customer message",
          description:
            "Continues the conversation of the contact identified by `channel` + `handle`, or starts one.",
          parameters: [idempotencyParameter],
          requestBody: { required: true, content: json("CreateConversation") },
          responses: {
            201: {
              description:
                "The message was received; `started` says whether it began a conversation.",
              headers: replayedHeader,
              content: json("CreatedConversation"),
            },
            401: errors[401],
            422: errors[422],
          },
        },
      },
      "/api/v1/conversations/{id}": {
        get: {
          operationId: "getConversation",
          summary: "Get a conversation",
          description:
            "The conversation with its contact, owners and whole thread (notes included).",
          parameters: [idParameter],
          responses: {
            200: { description: "The conversation.", content: json("Conversation") },
            401: errors[401],
            404: errors[404],
          },
        },
      },
      "/api/v1/conversations/{id}/messages": {
        post: {
          operationId: "postMessage",
          summary: "Receive a customer message into a conversation",
          description:
            "The conversation's contact writes again (a closed conversation reopens). For the contact's newest conversation on its channel.",
          parameters: [idParameter, idempotencyParameter],
          requestBody: { required: true, content: json("PostMessage") },
          responses: {
            201: {
              description: "The message was received.",
              headers: replayedHeader,
              content: json("PostedMessage"),
            },
            401: errors[401],
            404: errors[404],
            409: errors[409],
            422: errors[422],
          },
        },
      },
      "/api/v1/conversations/{id}/assignment": {
        get: {
          operationId: "getAssignment",
          summary: "Get who owns a conversation",
          description:
            "The assignee (with their status), the team, whether assignment is off, whether it waits in the routing queue, and the latest routing decision: mode, candidates with their load, who was skipped and why, the tie-break, and the same in plain words.",
          parameters: [idParameter],
          responses: {
            200: {
              description: "The owners and the latest decision.",
              content: json("Assignment"),
            },
            401: errors[401],
            404: errors[404],
          },
        },
        post: {
          operationId: "setAssignment",
          summary: "Assign or unassign a conversation",
          description:
            "Assign a member (replacing whoever was), assign a team (which picks one of its members when it routes), or take the member or the team off. Same rules, errors and history events as the inbox. With `ifUnassigned`, a member is assigned only if nobody has the conversation yet.",
          parameters: [idParameter],
          requestBody: { required: true, content: json("AssignmentRequest") },
          responses: {
            200: { description: "The owners after the change.", content: json("Assignment") },
            401: errors[401],
            404: error(
              "No such conversation, member or team in the key's workspace (`not_found`).",
            ),
            409: errors.alreadyAssigned,
            422: errors[422],
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          description: "An API key (`sb_live_…`) from Settings → API keys.",
        },
      },
      schemas: {
        ...componentSchemas(
          [
            ["CreateConversation", createConversationSchema],
            ["PostMessage", postMessageSchema],
            ["AssignmentRequest", assignmentRequestSchema],
          ],
          "input",
        ),
        ...componentSchemas(
          [
            ["ConversationSummary", conversationSummarySchema],
            ["Conversation", conversationDetailSchema],
            ["ConversationPage", conversationPageSchema],
            ["Message", messageSchema],
            ["CreatedConversation", createdConversationSchema],
            ["PostedMessage", postedMessageSchema],
            ["Assignment", assignmentSchema],
            ["Error", errorSchema],
          ],
          "output",
        ),
      },
    },
  };
}

let document: ReturnType<typeof build> | undefined;

/** Built once per process: the schemas do not change while it runs. */
export function openApiDocument() {
  document ??= build();
  return document;
}
