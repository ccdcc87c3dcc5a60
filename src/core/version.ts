/** The tool's name and version, read once from package.json (also used in the User-Agent). */
import fs from 'node:fs';

const pkg = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
  bin?: Record<string, string>;
};

/**
 * The command's name (`review`), which is what users and services see (User-Agent, NCBI's
 * `tool`); the npm package is named `review-lit` because `review` is taken on the registry.
 */
export const TOOL_NAME = Object.keys(pkg.bin ?? {})[0] ?? pkg.name;
export const TOOL_VERSION = pkg.version;
