// The sign-in page of the development provider.
import { bilingual, escapeHtml, renderPage } from './page-layout.view.ts';

/** A demo account as the sign-in page lists it. */
export interface DemoAccountRow {
  username: string;
  provinceName: string;
  agency: string;
  roles: string[];
}

/** What the sign-in page shows. */
export interface LoginPageModel {
  /** Where the form posts to. */
  action: string;
  realmDisplayName: string;
  clientName: string;
  /** Pre-filled username (login_hint, or what was typed before a failed attempt). */
  username: string;
  /** The previous attempt failed; the page says so without telling which field was wrong. */
  failed: boolean;
  demoAccounts: DemoAccountRow[];
  /** The password every demo account shares, if they share one. */
  sharedPassword: string | undefined;
}

/** Renders the sign-in page. */
export function renderLoginPage(model: LoginPageModel): string {
  const alert = model.failed
    ? `<p class="alert" id="login-error" role="alert">${bilingual('用户名或密码错误。', 'Invalid username or password.')}</p>`
    : '';
  const described = model.failed ? ' aria-describedby="login-error" aria-invalid="true"' : '';
  const rows = model.demoAccounts
    .map(
      (a) =>
        `<tr><td><code>${escapeHtml(a.username)}</code></td><td>${escapeHtml(a.provinceName)}</td><td>${escapeHtml(a.agency)}</td><td>${escapeHtml(a.roles.join(', '))}</td></tr>`,
    )
    .join('\n');
  const body = `
<h1>${bilingual('登录', 'Sign in')}</h1>
<p class="realm">${escapeHtml(model.realmDisplayName)} · ${escapeHtml(model.clientName)}</p>
${alert}
<form method="post" action="${escapeHtml(model.action)}" novalidate>
  <label for="username">${bilingual('用户名', 'Username')}</label>
  <input type="text" id="username" name="username" value="${escapeHtml(model.username)}" autocomplete="username" autocapitalize="none" spellcheck="false" required${model.username ? '' : ' autofocus'}${described}>
  <label for="password">${bilingual('密码', 'Password')}</label>
  <input type="password" id="password" name="password" autocomplete="current-password" required${model.username ? ' autofocus' : ''}${described}>
  <button type="submit">${bilingual('登录', 'Sign in')}</button>
</form>
<p class="notice">${bilingual('开发环境身份服务，仅用于本地开发与测试。', 'Development identity provider, for local development and tests only.')}${
    model.sharedPassword === undefined
      ? ''
      : ` ${bilingual(`演示账号密码均为 ${model.sharedPassword}。`, `Every demo account’s password is ${model.sharedPassword}.`)}`
  }</p>
<details>
  <summary>${bilingual('演示账号', 'Demo accounts')}</summary>
  <table>
    <thead><tr><th scope="col">${bilingual('用户名', 'Username')}</th><th scope="col">${bilingual('省份', 'Province')}</th><th scope="col">${bilingual('机构', 'Agency')}</th><th scope="col">${bilingual('角色', 'Roles')}</th></tr></thead>
    <tbody>
${rows}
    </tbody>
  </table>
</details>`;
  return renderPage('登录 Sign in', body);
}
