// GET|POST /api/auth/* — Auth.js (sign in, callbacks, magic-link verification, sign out)
import { handlers } from "@/lib/auth/auth";

export const { GET, POST } = handlers;
