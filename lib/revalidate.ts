import "server-only";
import { revalidatePath } from "next/cache";

/**
 * `revalidatePath` for server actions. Next throws an invariant when there is no request
 * store — which is only the case when an action runs outside Next, as the integration tests
 * call them through `.run()`. There is no page cache to refresh then, so that one error is
 * ignored; every other error (say, revalidating during render) still surfaces.
 */
export function revalidate(path: string, type?: "layout" | "page"): void {
  try {
    revalidatePath(path, type);
  } catch (error) {
    if (error instanceof Error && error.message.startsWith(NO_STORE)) return;
    throw error;
  }
}

const NO_STORE = "Invariant: static generation store missing";
