// The environment of the identity provider program, parsed once at boot. Nothing else in the package reads process.env.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { InvalidConfigError } from './identity.errors.ts';
import { redirectUriPatternProblem } from './oidc/redirect-uri.matcher.ts';

/** The repository root, against which a relative IDENTITY_DATA_DIR is resolved. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** What the provider program (main.ts) runs with. */
export interface IdentityConfig {
  /** IDENTITY_HOST, default 127.0.0.1. */
  host: string;
  /** IDENTITY_PORT, default 8180; 0 picks a free port. */
  port: number;
  /** IDENTITY_PUBLIC_URL, default http://localhost:<port>: the URL browsers and services reach the provider at. */
  publicUrl: string | undefined;
  /** IDENTITY_DATA_DIR, default .data/identity under the repository root, as an absolute path. */
  dataDir: string;
  /** WEB_REDIRECT_URIS, comma-separated; default the web client's redirect URIs in data/demo-realm.json. */
  webRedirectUris: string[] | undefined;
}

// An empty variable counts as unset, as in most shells' `VAR= command` habits.
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema);

const port = z
  .string()
  .regex(/^\d{1,5}$/, 'must be a port number from 0 to 65535 (0 picks a free one)')
  .transform(Number)
  .refine((value) => value <= 65535, 'must be a port number from 0 to 65535 (0 picks a free one)');

const publicUrl = z
  .string()
  .refine((value) => /^https?:\/\//.test(value) && URL.canParse(value), 'must be an http:// or https:// URL')
  .refine((value) => !URL.canParse(value) || ['', '/'].includes(new URL(value).pathname), 'must have no path (the realm lives at /realms/xietong below it)')
  .refine((value) => !URL.canParse(value) || (new URL(value).search === '' && new URL(value).hash === ''), 'must have no query or fragment')
  .transform((value) => value.replace(/\/+$/, ''));

const redirectUris = z
  .string()
  .transform((value) => value.split(',').map((uri) => uri.trim()).filter(Boolean))
  .refine((uris) => uris.length > 0, 'must list at least one URI')
  .superRefine((uris, ctx) => {
    for (const uri of uris) {
      const problem = redirectUriPatternProblem(uri);
      if (problem) {
        ctx.addIssue({
          code: 'custom',
          message: `must be comma-separated http(s) URLs, each optionally ending in /* (e.g. http://localhost:5173/*); ${JSON.stringify(uri)} ${problem}`,
        });
      }
    }
  });

const schema = z.object({
  IDENTITY_HOST: optional(z.string().default('127.0.0.1')),
  IDENTITY_PORT: optional(port.default(8180)),
  IDENTITY_PUBLIC_URL: optional(publicUrl.optional()),
  IDENTITY_DATA_DIR: optional(z.string().default('.data/identity')),
  WEB_REDIRECT_URIS: optional(redirectUris.optional()),
});

/** Parses the provider's variables; throws InvalidConfigError listing every invalid one. */
export function readIdentityConfig(env: NodeJS.ProcessEnv = process.env): IdentityConfig {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new InvalidConfigError(
      result.error.issues.map((issue) => {
        const name = issue.path.join('.');
        return `${name}: ${issue.message} (got ${JSON.stringify(env[name] ?? '')})`;
      }),
    );
  }
  const parsed = result.data;
  return {
    host: parsed.IDENTITY_HOST,
    port: parsed.IDENTITY_PORT,
    publicUrl: parsed.IDENTITY_PUBLIC_URL ?? (parsed.IDENTITY_PORT === 0 ? undefined : `http://localhost:${parsed.IDENTITY_PORT}`),
    dataDir: path.resolve(REPO_ROOT, parsed.IDENTITY_DATA_DIR),
    webRedirectUris: parsed.WEB_REDIRECT_URIS,
  };
}
