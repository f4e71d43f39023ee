import { redirect } from "next/navigation";
import { requireWorkspace } from "@/lib/auth/page";

export default async function WorkspaceHome({
  params,
}: {
  params: Promise<{ workspace: string }>;
}) {
  const { workspace: slug } = await params;
  const { workspace } = await requireWorkspace(slug);
  redirect(`/${workspace.slug}/inbox`);
}
