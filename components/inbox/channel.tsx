import { type LucideIcon, MessageCircle, Smartphone, Webhook } from "lucide-react";
import { cn } from "@/lib/utils";
import type { Channel } from "./types";

export const channelLabels: Record<Channel, string> = {
  web_chat: "Web chat",
  whatsapp: "WhatsApp",
  api: "API",
};

const channelIcons: Record<Channel, LucideIcon> = {
  web_chat: MessageCircle,
  whatsapp: Smartphone,
  api: Webhook,
};

/** The channel's icon; `label` also renders its name for screen readers (or visibly). */
export function ChannelIcon({
  channel,
  label = "sr-only",
  className,
}: {
  channel: Channel;
  label?: "sr-only" | "visible" | "none";
  className?: string;
}) {
  const Icon = channelIcons[channel];
  return (
    <span className={cn("inline-flex items-center gap-1", className)}>
      <Icon aria-hidden="true" className="size-3.5 shrink-0" />
      {label === "none" ? null : (
        <span className={label === "sr-only" ? "sr-only" : undefined}>
          {channelLabels[channel]}
        </span>
      )}
    </span>
  );
}

/** What to call a contact when they gave no name. */
export function contactName(contact: {
  name: string | null;
  email: string | null;
  phone: string | null;
}): string {
  return contact.name?.trim() || contact.email || contact.phone || "Unknown contact";
}
