import { ShieldX } from "lucide-react";
import Link from "next/link";
import { buttonVariants } from "@/components/ui/button-variants";

export default function Forbidden() {
  return (
    <div className="flex min-h-[60dvh] flex-1 flex-col items-center justify-center gap-4 p-8 text-center">
      <ShieldX className="size-10 text-muted-foreground" aria-hidden />
      <div className="space-y-1">
        <h1 className="text-xl font-semibold">You do not have access to this page</h1>
        <p className="text-sm text-muted-foreground">
          Your role in this workspace does not include it. Ask an Admin if you need it.
        </p>
      </div>
      <Link href="/" className={buttonVariants({ variant: "outline" })}>
        Go home
      </Link>
    </div>
  );
}
