import "server-only";

export { authSecret } from "@/db/secret";
