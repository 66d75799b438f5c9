// The one block printed when everything is ready: where each part of the platform answers, and how to sign in.
import type { Endpoint } from './component.types.ts';
import type { DemoLogins } from './demo-logins.reader.ts';

/** What the ready block shows. */
export interface BannerInput {
  /** Seconds from launch to ready. */
  elapsedSeconds: number;
  endpoints: Endpoint[];
  dataDir: string;
  /** The demo accounts, or why they could not be read. */
  logins: DemoLogins | { error: string };
}

const RULE = '─'.repeat(78);

/** Renders the ready block (plain text; it is printed as is, without the launcher's prefix). */
export function renderReadyBanner(input: BannerInput): string {
  const labelWidth = Math.max(...input.endpoints.map((e) => e.label.length), 'Data'.length) + 2;
  const lines = [
    RULE,
    ` Xietong is running (ready in ${input.elapsedSeconds.toFixed(1)} s)`,
    '',
    ...input.endpoints.map((e) => ` ${e.label.padEnd(labelWidth)}${e.value}`),
    ` ${'Data'.padEnd(labelWidth)}${input.dataDir}  (kept across restarts; stop and delete it to start over)`,
    '',
    ...('error' in input.logins ? [` Demo logins: unavailable (${input.logins.error})`] : renderLogins(input.logins)),
    '',
    ' Ctrl-C to stop.',
    RULE,
  ];
  return `${lines.join('\n')}\n`;
}

/** A province × role table of usernames, then the accounts outside it, then the password. */
export function renderLogins(logins: DemoLogins): string[] {
  const provinceOf = new Map(logins.provinces.map((p) => [p.code, `${p.name} ${p.code}`]));
  // Roles that some province holds form the columns; accounts with other roles (observer, admin) are listed after.
  const gridRoles = logins.roles.filter((role) => logins.users.some((u) => u.roles.includes(role) && u.roles.length === 1 && u.province !== '000000'));
  const inGrid = (u: DemoLogins['users'][number]): boolean => u.roles.length === 1 && gridRoles.includes(u.roles[0] ?? '') && u.province !== '000000';
  const gridProvinces = logins.provinces.filter((p) => logins.users.some((u) => u.province === p.code && inGrid(u)));

  const header = ['province', ...gridRoles];
  const rows = gridProvinces.map((p) => [
    provinceOf.get(p.code) ?? p.code,
    ...gridRoles.map((role) =>
      logins.users
        .filter((u) => u.province === p.code && inGrid(u) && u.roles[0] === role)
        .map((u) => u.username)
        .join(', '),
    ),
  ]);
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => (row[column] ?? '').length)));
  const format = (row: string[]): string => `   ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()}`;

  const others = logins.users
    .filter((u) => !inGrid(u))
    .map((u) => `   ${u.username} (${u.roles.join(', ') || 'no role'}, ${provinceOf.get(u.province) ?? u.province})`);
  const passwords = new Set(logins.users.map((u) => u.password));
  const [onlyPassword] = passwords;
  const passwordLine =
    passwords.size === 1 && onlyPassword !== undefined
      ? ` Every demo account's password: ${onlyPassword}`
      : ' Passwords: see infra/identity/data/demo-realm.json';
  return [' Demo logins (development only):', format(header), ...rows.map(format), ...others, passwordLine];
}
