// Sign-out pages. Like Keycloak, the provider asks for confirmation only when the request does not prove which
// session it ends (no id_token_hint); with a hint the form submits itself.
import { bilingual, renderPage } from './page-layout.view.ts';

/**
 * The sign-out confirmation page around oidc-provider's hidden form (id "op.logoutForm", which carries the xsrf
 * token). When autoSubmit is set, a script submits it with logout=yes at once.
 */
export function renderLogoutPage(form: string, autoSubmit: boolean): string {
  const script = autoSubmit
    ? `<script>(function () { var f = document.getElementById('op.logoutForm'); var i = document.createElement('input'); i.type = 'hidden'; i.name = 'logout'; i.value = 'yes'; f.appendChild(i); f.submit(); })();</script>`
    : '';
  const body = `
<h1>${bilingual('退出登录', 'Sign out')}</h1>
<p>${bilingual('是否退出当前登录？', 'Do you want to sign out?')}</p>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>${bilingual('退出', 'Sign out')}</button>
<button type="submit" form="op.logoutForm" class="secondary">${bilingual('保持登录', 'Stay signed in')}</button>
${script}`;
  return renderPage('退出登录 Sign out', body);
}

/** Shown after signing out when the client gave no post_logout_redirect_uri. */
export function renderLoggedOutPage(): string {
  return renderPage('已退出 Signed out', `<h1>${bilingual('已退出登录', 'You are signed out')}</h1>`);
}
