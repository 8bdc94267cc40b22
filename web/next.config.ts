import type { NextConfig } from 'next';

// A static export: `npm run build` writes plain files into out/, which the hub serves at `/`.
// Nothing is fetched from the internet at build or run time (no next/font/google, no remote scripts).
const config: NextConfig = {
  output: 'export',
  reactStrictMode: true,
  images: { unoptimized: true },
  poweredByHeader: false,
};

export default config;
