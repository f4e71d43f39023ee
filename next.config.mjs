/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "pg-boss"],
  poweredByHeader: false,
  // `forbidden()` renders app/forbidden.tsx with a 403 for members whose role lacks a permission.
  // Knowledge CSV imports may be up to 1 MB; a server action's body is capped at 1 MB by default.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "2mb" } },
  // No other site may frame the app (clickjacking of sign-in, settings, API keys…); only the
  // web chat widget's page is made to be embedded, on any customer's site.
  async headers() {
    return [
      {
        source: "/((?!widget/).*)",
        headers: [
          { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
