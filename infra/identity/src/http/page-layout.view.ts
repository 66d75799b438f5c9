// The frame of every page the provider renders itself (sign-in, sign-out, errors): plain HTML, no external assets
// (the machines are offline), Chinese text with English sub-labels.

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Chinese text with its English translation beneath it, for headings, labels and buttons. */
export function bilingual(chinese: string, english: string): string {
  return `${escapeHtml(chinese)} <span class="en" lang="en">${escapeHtml(english)}</span>`;
}

const STYLE = `
  :root { color-scheme: light; font-family: system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; }
  body { margin: 0; background: #f3f5f8; color: #1b2430; }
  main { max-width: 26rem; margin: 4rem auto; padding: 2rem; background: #fff; border-radius: 8px; box-shadow: 0 1px 4px rgb(0 0 0 / 0.12); }
  h1 { font-size: 1.4rem; margin: 0 0 0.25rem; }
  .en { display: block; font-size: 0.8em; font-weight: normal; color: #556070; }
  .realm { margin: 0 0 1.5rem; color: #556070; }
  label { display: block; font-weight: 600; margin: 1rem 0 0.35rem; }
  input[type=text], input[type=password] { box-sizing: border-box; width: 100%; padding: 0.6rem; font-size: 1rem; border: 1px solid #8a94a3; border-radius: 4px; }
  input:focus, button:focus, summary:focus { outline: 3px solid #2f6fde; outline-offset: 1px; }
  button { margin-top: 1.5rem; width: 100%; padding: 0.7rem; font-size: 1rem; font-weight: 600; color: #fff; background: #1f5fc8; border: 0; border-radius: 4px; cursor: pointer; }
  button.secondary { color: #1f5fc8; background: #fff; border: 1px solid #1f5fc8; }
  button .en { color: inherit; opacity: 0.85; }
  .alert { margin: 1rem 0 0; padding: 0.75rem; border-left: 4px solid #b3261e; background: #fdecea; color: #7a1712; }
  .notice { margin-top: 1.5rem; font-size: 0.85rem; color: #556070; }
  details { margin-top: 1.5rem; font-size: 0.85rem; }
  table { border-collapse: collapse; width: 100%; margin-top: 0.5rem; }
  th, td { text-align: left; padding: 0.25rem 0.4rem; border-bottom: 1px solid #e1e5ea; }
  dl { font-size: 0.9rem; } dt { font-weight: 600; margin-top: 0.5rem; } dd { margin: 0; word-break: break-all; }
`;

/** A complete HTML page around the given body markup. */
export function renderPage(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}
