import type { Channel } from "@/db/schema";
import type {
  AgentPickerOption,
  AssigneeOption,
  Assignees,
  TeamAssigneeOption,
} from "@/lib/assignment/list-assignees";
import type { ConversationOwners } from "@/lib/conversations/conversation-owners";
import type { ViewCount } from "@/lib/conversations/count-views";
import type { ConversationDetail } from "@/lib/conversations/get-conversation";
import type {
  ConversationListItem,
  ConversationPage,
} from "@/lib/conversations/list-conversations";
import type { RoutingWhy } from "@/lib/conversations/routing-why";
import type { View } from "@/lib/conversations/schemas";

/** What a value looks like after JSON.stringify: dates arrive as ISO strings. */
export type Jsonified<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Jsonified<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonified<T[K]> }
      : T;

export type {
  AgentPickerOption,
  AssigneeOption,
  Assignees,
  Channel,
  ConversationListItem,
  ConversationOwners,
  ConversationPage,
  RoutingWhy,
  TeamAssigneeOption,
  View,
  ViewCount,
};

export interface ViewsResponse {
  views: ViewCount[];
}

/** GET …/conversations/:id */
export type DetailResponse = Jsonified<ConversationDetail> & {
  /** "Why Sam?": the routing decision behind the current owner, if routing chose it. */
  why: RoutingWhy | null;
  viewer: {
    memberId: string | null;
    canReply: boolean;
    /** Any: assign anyone (Admin, Manager). Own: claim and pass on their own (Agent). */
    assign: "any" | "own" | null;
  };
};
export type DetailMessage = DetailResponse["messages"][number];
export type DetailEvent = DetailResponse["events"][number];
/** The AI agent handling the conversation now, or null. */
export type DetailAgentSession = DetailResponse["agentSession"];

/** The view and filters of the list, as they appear in the page's URL. */
export interface InboxQuery {
  view: View;
  teamId?: string;
  assignee?: string;
  team?: string;
  status?: "open" | "closed";
  channel?: Channel;
  agent?: "any" | "none";
  unread?: boolean;
  q?: string;
}

export type InboxFilters = Omit<InboxQuery, "view" | "teamId" | "q">;

export interface MemberOption {
  id: string;
  name: string;
  image: string | null;
}

export interface TeamOption {
  id: string;
  name: string;
}

/** The signed-in member, for optimistic messages and "Me" in the assignee filter. */
export interface InboxMe {
  memberId: string;
  name: string;
  image: string | null;
}

export interface InboxProps {
  slug: string;
  me: InboxMe;
  canReply: boolean;
  /** The conversation open in the third pane; null on the list page. */
  selectedId: string | null;
  /** The view shown when the URL names none. */
  defaultView: View;
  members: MemberOption[];
  teams: TeamOption[];
}
