export * from "./auth";
export * from "./conversations";
export * from "./email";
export * from "./members";
export * from "./teams";
export * from "./workspaces";
