/** The first-run page: a plain form (no script), so it works before the web app exists. */
export function setupPage(token: string, message?: string): string {
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Postern setup</title>
<style>body{font:16px system-ui;max-width:32rem;margin:3rem auto}label{display:block;margin:.8rem 0}input{width:100%;padding:.4rem}</style></head>
<body><h1>Create the first administrator</h1>${message ? `<p role="alert">${esc(message)}</p>` : ''}
<form method="post" action="/setup"><input type="hidden" name="token" value="${esc(token)}">
<label>Name <input name="name" required></label><label>Email <input name="email" type="email" required></label>
<label>Password (12 characters or more) <input name="password" type="password" minlength="12" required></label>
<button type="submit">Create administrator</button></form></body></html>`;
}
