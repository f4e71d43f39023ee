import "server-only";
import { headers } from "next/headers";

/**
 * The app's public origin for links in emails. AUTH_URL when set (required in production,
 * so a forged Host header cannot redirect links); otherwise the request's own host.
 */
export async function appUrl(): Promise<string> {
  const configured = process.env.AUTH_URL;
  if (configured) return new URL(configured).origin;
  const list = await headers();
  const host = list.get("x-forwarded-host") ?? list.get("host") ?? "localhost:3000";
  const protocol =
    list.get("x-forwarded-proto") ?? (host.startsWith("localhost") ? "http" : "https");
  return `${protocol}://${host}`;
}
