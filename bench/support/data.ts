/** Word lists the generator composes names and message bodies from. */

const words = (text: string) => text.trim().split(/\s+/);

/** The bench workspace's slug; its name records whether generation finished. */
export const BENCH_SLUG = "bench";

export const MEMBER_COUNT = 200;
export const TEAM_COUNT = 20;
/** Member 1 is the Admin, 2–11 Managers, the rest Agents. */
export const MANAGER_COUNT = 10;
/** The Agent the scoped views are measured as (member number, see memberId in generate.ts). */
export const MEASURED_AGENT = 12;
/** The member of the "assignee = X" filter. */
export const FILTER_ASSIGNEE = 100;

/** In ~0.1% of messages (10 of the 10,000 bodies); never in the vocabulary. */
export const RARE_WORD = "kumquat";
/** A few contacts (one in 200,000, at least one) carry this name. */
export const DISTINCTIVE_NAME = "Zebulon Quaxley";
/** A last name of the list: ~0.9% of contacts (1 in 100 of the 90% that have a name). */
export const COMMON_LAST_NAME = "Okafor";

export const firstNames = words(`
  Aaliyah Adam Adaeze Ahmed Aiko Alejandro Amara Ana Andrei Anika Arjun Astrid Beatriz
  Bilal Bruno Carmen Chen Chloe Dariusz David Deepa Diego Elena Emeka Emil Esther Fatima
  Felix Freya Gabriel Grace Hana Hassan Ines Ingrid Isaac Ivan Jamal Jana Javier Jin
  Joanna Jonas Julia Kai Karim Kateryna Kenji Lars Layla Leon Lina Lucas Lucia Mai Malik
  Marta Mateo Mei Mia Milan Nadia Naveen Nina Noah Nora Olga Oscar Paulo Petra Rafael
  Rania Ravi Rosa Ruth Samir Sara Sebastian Sina Sofia Stefan Sven Tariq Thandiwe Theo
  Tomas Uma Valentina Vera Viktor Wei Xavier Yara Yusuf Zainab Zara Zofia Björn Chiara
  Dmitri
`);

export const lastNames = words(`
  Abe Adeyemi Andersen Bakker Banerjee Becker Bianchi Brown Castro Chowdhury Costa Dahl
  Dubois Eriksen Fernandes Fischer Fontaine Garcia Gonzalez Gupta Haddad Hansen Hoffmann
  Horvat Ibrahim Ito Jansen Jovanovic Kaya Khan Kim Kowalski Kruger Larsen Lee Lopez
  Mahlangu Martin Mendes Meyer Moreau Mukherjee Murphy Nakamura Nguyen Novak Nowak Okafor
  Oliveira Olsen Otieno Papadopoulos Park Patel Pereira Petrov Popescu Quinn Ramos Reddy
  Ricci Rossi Sahin Santos Sato Schmidt Schneider Sharma Silva Singh Smith Sokolov Suzuki
  Svensson Takahashi Tanaka Taylor Thomas Tran Visser Vargas Virtanen Wagner Walker Wang
  Weber Williams Wilson Wong Wright Yamamoto Yildiz Young Zhang Zhou Zielinski Moretti
  Kovacs Lindqvist Achebe
`);

export const teamNames = [
  "Billing",
  "Onboarding",
  "Technical Support",
  "Sales",
  "Returns",
  "Shipping",
  "Enterprise",
  "VIP",
  "Partners",
  "Fraud",
  "Accounts",
  "Mobile App",
  "API",
  "Integrations",
  "Compliance",
  "EMEA",
  "APAC",
  "Americas",
  "Escalations",
  "Feedback",
];

/** Support-flavoured words; message bodies are 6–14 of them. */
export const vocabulary = words(`
  hello hi thanks thank you please order invoice refund payment card charged twice account
  password reset login email address shipping delivery package tracking number late
  arrived damaged box return label exchange size color product item missing wrong broken
  works working error message screen app update version phone browser page loading slow
  crash again still today yesterday tomorrow week month plan subscription cancel upgrade
  downgrade price discount code coupon trial seat team invite admin settings profile
  notification sync export import file upload download report data integration key webhook
  endpoint timeout help urgent issue problem question answer check confirm sent received
  waiting reply soon sorry great perfect okay sure need want can could would how why when
  where what my our the a an is was not it this that with for from to on in at and or but
  if we they have has do does
`);
