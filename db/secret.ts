import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export function dataDir(): string {
  // The data directory is chosen at run time; there is nothing in it to trace into the build.
  return path.resolve(
    /*turbopackIgnore: true*/ process.env.DATA_DIR ?? path.join(process.cwd(), ".data"),
  );
}

/**
 * AUTH_SECRET signs session cookies and seals secrets at rest. Production must set it; in
 * development one is made once and kept under the data directory so it survives restarts.
 */
export function authSecret(): string {
  const configured = process.env.AUTH_SECRET;
  if (configured) return configured;
  if (process.env.NODE_ENV === "production") {
    throw new Error("AUTH_SECRET is not set. Generate one with `openssl rand -base64 32`.");
  }
  const file = path.join(dataDir(), "auth-secret");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(dataDir(), { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}
