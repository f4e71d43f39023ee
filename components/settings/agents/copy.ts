import type { KnowledgeKind } from "@/db/schema";

/** "1 entry", "1,200 entries". */
export const plural = (count: number, one: string, many: string) =>
  `${count.toLocaleString("en")} ${count === 1 ? one : many}`;

// Shared by server and client components, so it lives outside any "use client" module: a
// server component importing a value from one gets a client reference, not the value.
export const kindLabels: Record<KnowledgeKind, string> = { qa: "Q&A", article: "Article" };
