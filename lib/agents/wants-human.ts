/**
 * Does the customer ask for a person? Phrases in English, Spanish, French, German,
 * Portuguese, Italian and Dutch, matched as whole words on lowercased, accent-free text, so
 * "parler à un conseiller" and "parler a un conseiller" both count while "humanity",
 * "agenda" and "management" do not.
 */

/** Each phrase on the folded text; `\s+` between words, whole words at both ends. */
const PHRASES: readonly string[] = [
  // English
  "humans?(?!\\s+(?:resources|rights|error))",
  "real (?:person|people|human|agent)",
  "(?:actual|live) (?:person|human|agent)",
  "(?:someone|somebody) real",
  // A "user agent" is a browser, an "AI agent" is the bot itself.
  "(?<!(?:^|[^\\p{L}])(?:user|ai|virtual) )agents?",
  "representatives?",
  "operators?",
  "(?:talk|speak|chat) (?:to|with) (?:a |an |some )?(?:person|people|someone|somebody|anyone|anybody|staff|manager)",
  // Spanish (and Portuguese "humano")
  "humanos?",
  "persona (?:real|de verdad)",
  "agentes?",
  "operador(?:a|es|as)?",
  "hablar con (?:alguien|una persona)",
  // French
  "humaine?s?",
  "vraie personne",
  "personne (?:reelle|humaine)",
  // "me conseiller" is the verb "advise me", not an adviser.
  "(?<!(?:^|[^\\p{L}])(?:me|m|te|t|nous|vous|le|la|les|lui) )conseiller(?:e|s|es)?",
  "parler a (?:quelqu ?un|une personne)",
  // German
  "mensch(?:en)?",
  "mitarbeiter(?:in|innen|n)?",
  "echte(?:n|r|s)? (?:person|mensch(?:en)?)",
  // Portuguese
  "atendentes?",
  "pessoa (?:real|de verdade)",
  "falar com (?:alguem|uma pessoa)",
  // Italian
  "operatore|operatrice|operatori",
  "umano",
  "persona (?:reale|vera)",
  "parlare con (?:qualcuno|una persona)",
  // Dutch
  "medewerkers?",
  "echte? (?:persoon|mens)",
];

const PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${PHRASES.map((phrase) => phrase.replaceAll(" ", "\\s+")).join("|")})(?![\\p{L}\\p{N}])`,
  "u",
);

export function wantsHuman(text: string): boolean {
  return PATTERN.test(fold(text));
}

/** Lowercase without accents, apostrophes as spaces ("quelqu'un" → "quelqu un"). */
function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/['’`]/g, " ");
}
