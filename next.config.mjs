/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "pg-boss"],
  poweredByHeader: false,
  // `forbidden()` renders app/forbidden.tsx with a 403 for members whose role lacks a permission.
  experimental: { authInterrupts: true },
};

export default nextConfig;
