import { type ClassValue, clsx } from "clsx";
import { twMerge } from "tailwind-merge";

/** Join class names; later Tailwind classes win over earlier conflicting ones. */
export function cn(...inputs: ClassValue[]): string {
  return twMerge(clsx(inputs));
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function firstLetter(word: string): string {
  const match = word.match(LETTER_OR_DIGIT);
  return match ? match[0].toLocaleUpperCase() : "";
}

/**
 * Up to two initials for an avatar: "Dana Scully" → "DS", "Mary Jane Watson" → "MW",
 * "sam@x.io" → "S". An email yields one letter because its local part is rarely a name.
 */
export function initials(nameOrEmail: string): string {
  const value = nameOrEmail.trim();
  if (value.includes("@")) {
    return firstLetter(value.split("@")[0] ?? "") || "?";
  }
  const words = value.split(/\s+/).filter((word) => LETTER_OR_DIGIT.test(word));
  const first = words[0];
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  const result = (first ? firstLetter(first) : "") + (last ? firstLetter(last) : "");
  return result || "?";
}
