"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ErrorBody, Result } from "@/lib/errors";

/**
 * Runs a server action from a form: pending state, the form-level error and per-field
 * errors from the typed result; on success follows `redirectTo` when the action returns one.
 */
export function useActionForm<TInput, TData>(
  action: (input: TInput) => Promise<Result<TData>>,
  options: { onSuccess?: (data: TData) => void } = {},
) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<ErrorBody | null>(null);

  function submit(input: TInput) {
    setError(null);
    startTransition(async () => {
      const result = await action(input).catch(
        (): Result<TData> => ({
          ok: false,
          error: {
            code: "internal",
            message: "We could not reach the server. Check your connection and try again.",
          },
        }),
      );
      if (!result.ok) {
        setError(result.error);
        return;
      }
      options.onSuccess?.(result.data);
      const data: unknown = result.data;
      if (
        data &&
        typeof data === "object" &&
        "redirectTo" in data &&
        typeof data.redirectTo === "string"
      ) {
        router.push(data.redirectTo);
        router.refresh();
      }
    });
  }

  const fieldError = (name: string) => error?.fields?.[name];
  return { submit, pending, error, fieldError, setError };
}
