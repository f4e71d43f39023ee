export * from "./auth";
export * from "./email";
export * from "./workspaces";
