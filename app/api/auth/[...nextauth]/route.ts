// GET|POST /api/auth/* — Auth.js (sign in, callbacks, magic-link verification, sign out)
import { publicRoute } from "@/lib/api/route";
import { handlers } from "@/lib/auth/auth";

export const GET = publicRoute({ name: "GET /api/auth/*" }, handlers.GET);
export const POST = publicRoute({ name: "POST /api/auth/*" }, handlers.POST);
