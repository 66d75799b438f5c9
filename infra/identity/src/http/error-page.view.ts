// The page shown when a browser request fails (unknown client, unregistered redirect URI, expired sign-in, …).
import { bilingual, escapeHtml, renderPage } from './page-layout.view.ts';

/** Renders an OAuth error for a person: a bilingual heading, then the error code and its description. */
export function renderErrorPage(error: { error: string; error_description?: string | undefined }): string {
  const body = `
<h1>${bilingual('无法完成请求', 'The request cannot be completed')}</h1>
<p role="alert">${bilingual('请返回应用后重试。', 'Go back to the application and try again.')}</p>
<dl>
  <dt>error</dt><dd><code>${escapeHtml(error.error)}</code></dd>
  ${error.error_description ? `<dt>error_description</dt><dd>${escapeHtml(error.error_description)}</dd>` : ''}
</dl>`;
  return renderPage('错误 Error', body);
}
