"use server";

import { userAction } from "@/lib/auth/actions";
import { acceptInvitation } from "@/lib/members/accept-invitation";
import { acceptInvitationSchema } from "@/lib/members/schemas";

export const acceptInvitationAction = userAction(
  { name: "invitations.accept", schema: acceptInvitationSchema },
  async ({ token }, { db, user }) => {
    const { workspaceSlug } = await acceptInvitation(db, { token, user });
    return { redirectTo: `/${workspaceSlug}/inbox` };
  },
);
