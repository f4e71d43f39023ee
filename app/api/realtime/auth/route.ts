// POST /api/realtime/auth — Pusher private and presence channel authorisation (members and web chat visitors)
import { getDb } from "@/db/client";
import { readLimitedText } from "@/lib/api/read-limited-body";
import { jsonError, publicRoute } from "@/lib/api/route";
import { currentUserId } from "@/lib/auth/auth";
import { AppError } from "@/lib/errors";
import { authorizeChannel } from "@/lib/realtime/authorize-channel";

const name = "POST /api/realtime/auth";

// Public at the door because web chat visitors have no session; authorizeChannel checks the
// member's session and membership, or the visitor's token, for every channel.
export const POST = publicRoute({ name }, async (request: Request) => {
  try {
    // A channel name, a socket id and a token fit in far less; a larger body is refused unread.
    const body = await readLimitedText(request, 8 * 1024);
    if (body === null) throw new AppError("validation", "That request is too large.");
    const form = Object.fromEntries(new URLSearchParams(body));
    const auth = await authorizeChannel(await getDb(), {
      userId: await currentUserId(),
      input: form,
    });
    return Response.json(auth);
  } catch (error) {
    return jsonError(error, name);
  }
});
