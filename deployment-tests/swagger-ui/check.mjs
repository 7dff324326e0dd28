// Swagger UI, used the way a person uses it, in headless Chromium: pick the order-service document, Authorize with
// OAuth2's authorization code flow (PKCE, public client platform-public: sign in as a demo user in the popup that
// auth-service opens), then "Try it out" POST /api/orders and expect 201 Created.
//
// What this proves that the API checks do not: the documents' OAuth2 URLs point at the real auth-service, the
// redirect URI Swagger UI uses is registered, auth-service answers the token request across origins (CORS), and
// the token Swagger UI gets is accepted by the gateway and order-service for a real order.
//
// Run through deployment-tests/swagger-ui-check.sh (installs Chromium and playwright-core). Environment:
//   GATEWAY_URL   the gateway (default http://localhost:8080)
//   AUTH_URL      auth-service as the browser reaches it (default http://localhost:9000)
//   SWAGGER_UI_USER / SWAGGER_UI_PASSWORD   the person who signs in (default alice / demo-password)
//   SWAGGER_UI_CHECK_TIMEOUT_MS             deadline for the whole check (default 180000)
//   CHROMIUM      the browser binary (default /usr/bin/chromium, Debian's package)
// On failure: a screenshot in .local/logs/swagger-ui-check.png, the page's relevant text, exit 1.
import { chromium } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const GATEWAY = (process.env.GATEWAY_URL || 'http://localhost:8080').replace(/\/+$/, '');
const AUTH = (process.env.AUTH_URL || 'http://localhost:9000').replace(/\/+$/, '');
const USER = process.env.SWAGGER_UI_USER || 'alice';
const PASSWORD = process.env.SWAGGER_UI_PASSWORD || 'demo-password';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SCREENSHOT = resolve(ROOT, '.local/logs/swagger-ui-check.png');

// Deadlines, no sleeps: every wait below gets the smaller of its own step budget and what is left of the whole
// check, so a hang anywhere ends the run in time with a message saying where.
const TOTAL_MS = Number(process.env.SWAGGER_UI_CHECK_TIMEOUT_MS || 180_000);
const STEP_MS = 30_000; // one page action or wait; Swagger UI on a loaded 2-core machine needs a few seconds at most
const deadline = Date.now() + TOTAL_MS;
function left(stepMs = STEP_MS) {
  const remaining = deadline - Date.now();
  if (remaining <= 0) throw new Error(`the check's deadline of ${TOTAL_MS} ms has passed`);
  return Math.min(stepMs, remaining);
}
// Last resort should something hang outside Playwright's own timeouts (e.g. the browser process itself).
setTimeout(() => {
  console.error(`swagger-ui-check: FAILED: still running ${TOTAL_MS / 1000 + 30} s after the start; stopping`);
  process.exit(2);
}, TOTAL_MS + 30_000).unref();

const log = (msg) => console.log(`swagger-ui-check: ${msg}`);
let currentStep = 'start';
async function step(name, fn) {
  currentStep = name;
  const started = Date.now();
  const result = await fn();
  log(`ok  ${name} (${Date.now() - started} ms)`);
  return result;
}

// What the browser saw, printed only when the check fails: console errors, requests that failed or answered >= 400.
const seen = [];
const remember = (line) => { if (seen.length < 60) seen.push(line); };

let browser;
let page;
let popup;
let authorizeUrl;
try {
  // --- before the browser: auth-service is up, and a product to order that has stock -------------------------------
  await step(`auth-service answers at ${AUTH}`, async () => {
    const res = await fetch(`${AUTH}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(left(10_000)) });
    if (res.status !== 200) throw new Error(`${AUTH}/.well-known/openid-configuration answered ${res.status}`);
  });
  const product = await step('a product with stock (GET /api/products)', async () => {
    const res = await fetch(`${GATEWAY}/api/products?limit=20`, { signal: AbortSignal.timeout(left(10_000)) });
    if (res.status !== 200) throw new Error(`GET ${GATEWAY}/api/products answered ${res.status}`);
    const found = (await res.json()).items.find((p) => p.stock > 0);
    if (!found) throw new Error('none of the first 20 products has stock');
    return found;
  });
  log(`product ${product.id} (${product.name}, stock ${product.stock})`);

  // --- the browser: Debian's Chromium driven by playwright-core (no browser download) -----------------------------
  browser = await step('start Chromium', () => chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: left(),
    // --disable-background-networking and friends: without them Chromium opens connections of its own (updates,
    // sync, QUIC probes) that this machine's closed network refuses, and the run gets slow or noisy.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  }));
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  page = await context.newPage();
  context.on('page', (p) => {
    p.on('console', (m) => { if (m.type() === 'error') remember(`console error (${p.url()}): ${m.text()}`); });
  });
  page.on('console', (m) => { if (m.type() === 'error') remember(`console error: ${m.text()}`); });
  context.on('requestfailed', (r) => remember(`request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`));
  // The popup's authorize request, to log what Swagger UI asked for (client, scope, PKCE, redirect URI).
  context.on('request', (r) => {
    const u = new URL(r.url());
    if (!authorizeUrl && u.pathname === '/oauth2/authorize') authorizeUrl = u;
  });
  context.on('response', (r) => { if (r.status() >= 400) remember(`${r.status()} for ${r.request().method()} ${r.url()}`); });

  // --- Swagger UI, the order-service document -----------------------------------------------------------------
  await step('open Swagger UI', async () => {
    await page.goto(`${GATEWAY}/swagger-ui.html`, { waitUntil: 'domcontentloaded', timeout: left() });
    await page.locator('#select').waitFor({ state: 'visible', timeout: left() }); // the top bar's definition dropdown
  });
  const operation = page.locator('#operations-Orders-placeOrder'); // id: operations-<tag>-<operationId>
  await step('select the order-service definition', async () => {
    await page.selectOption('#select', { label: 'order-service' }, { timeout: left() });
    // The document is loaded once its operations are rendered (the dropdown may already have shown it).
    await operation.waitFor({ state: 'visible', timeout: left() });
  });

  // --- Authorize: OAuth2, authorization code flow, signed in as a person in auth-service's popup -----------------
  const modal = page.locator('.dialog-ux .modal-ux');
  await step('open the Authorize dialog', async () => {
    await page.locator('.scheme-container button.authorize').click({ timeout: left() });
    await modal.waitFor({ state: 'visible', timeout: left() });
  });
  // Swagger UI lists each OAuth2 flow as its own block, titled "OAuth2 (OAuth2, authorizationCode with PKCE)"
  // (without " with PKCE" when PKCE is off): match the start only.
  const codeFlow = modal.locator('.auth-container').filter({
    has: page.locator('h4', { hasText: '(OAuth2, authorizationCode' }),
  });
  await step('find the OAuth2 authorizationCode flow', async () => {
    await codeFlow.waitFor({ state: 'visible', timeout: left() });
    // client_id comes from springdoc's oauth.client-id (initOAuth); a public client, so no secret is filled in.
    const clientId = await codeFlow.locator('input[data-name="clientId"]').inputValue({ timeout: left() });
    if (clientId !== 'platform-public') throw new Error(`client_id in the dialog is "${clientId}", expected platform-public`);
  });

  popup = await step('Authorize opens auth-service in a popup', async () => {
    const [opened] = await Promise.all([
      page.waitForEvent('popup', { timeout: left() }),
      codeFlow.locator('button.authorize', { hasText: /^Authorize$/ }).click({ timeout: left() }),
    ]);
    opened.on('console', (m) => { if (m.type() === 'error') remember(`popup console error: ${m.text()}`); });
    return opened;
  });
  await step(`the popup reaches ${AUTH}/login`, async () => {
    // /oauth2/authorize redirects to the sign-in form, as nobody is signed in yet in this fresh browser context.
    await popup.waitForURL((u) => u.origin === new URL(AUTH).origin && u.pathname === '/login', { timeout: left() });
  });
  if (authorizeUrl) {
    const q = authorizeUrl.searchParams;
    log(`authorize request: client_id=${q.get('client_id')} scope=${q.get('scope')} `
      + `code_challenge_method=${q.get('code_challenge_method')} redirect_uri=${q.get('redirect_uri')}`);
  }

  await step(`sign in as ${USER}; the popup closes`, async () => {
    await popup.locator('input[name="username"]').fill(USER, { timeout: left() });
    await popup.locator('input[name="password"]').fill(PASSWORD, { timeout: left() });
    // After the form: /oauth2/authorize again (no consent screen for this client), then the redirect URI,
    // oauth2-redirect.html, which hands the code to the Swagger UI page and closes the window. Waiting for the
    // close is set up before the click, as it can come within milliseconds.
    await Promise.all([
      popup.waitForEvent('close', { timeout: left() }),
      popup.locator('button[type="submit"]').click({ timeout: left() }),
    ]);
  });

  await step('Swagger UI shows the flow as authorized (Logout)', async () => {
    // The page now trades the code (with the PKCE verifier) for a token at auth-service's /oauth2/token, a
    // cross-origin request. Success shows "Logout"; a failed exchange shows an error in the same block instead.
    const logout = codeFlow.locator('button', { hasText: /^Logout$/ });
    const error = modal.locator('.errors');
    await logout.or(error).first().waitFor({ state: 'visible', timeout: left() });
    if (await error.first().isVisible()) throw new Error(`Swagger UI reports: ${(await error.first().innerText()).trim()}`);
  });

  await step('close the dialog', async () => {
    await codeFlow.locator('button.btn-done').click({ timeout: left() });
    await modal.waitFor({ state: 'hidden', timeout: left() });
    // The top bar's Authorize button turns "locked" once any scheme holds credentials.
    await page.locator('.scheme-container button.authorize.locked').waitFor({ state: 'visible', timeout: left() });
  });

  // --- Try it out: POST /api/orders ---------------------------------------------------------------------------
  const idempotencyKey = randomUUID(); // a fresh one, else the gateway replays an earlier answer
  // No customerId: a customer's token places the order for its own customer.
  const body = JSON.stringify({ items: [{ productId: product.id, quantity: 1 }] }, null, 2);
  await step('expand POST /api/orders and press Try it out', async () => {
    await operation.locator('.opblock-summary-control').click({ timeout: left() });
    await operation.locator('button.try-out__btn').click({ timeout: left() });
  });
  await step('fill Idempotency-Key and the body', async () => {
    await operation.locator('tr[data-param-name="Idempotency-Key"][data-param-in="header"] input')
      .fill(idempotencyKey, { timeout: left() });
    await operation.locator('textarea.body-param__text').fill(body, { timeout: left() });
  });
  const response = await step('Execute', async () => {
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/orders',
        { timeout: left() }),
      operation.locator('button.execute').click({ timeout: left() }),
    ]);
    return res;
  });

  // The request must carry the OAuth2 token (the operation also accepts an API key, which must not be what worked).
  const authorization = (await response.request().headerValue('authorization')) ?? '';
  const shownCode = await step('Swagger UI shows the live response', async () => {
    const cell = operation.locator('.live-responses-table tbody tr.response td.response-col_status').first();
    await cell.waitFor({ state: 'visible', timeout: left() });
    return (await cell.innerText()).trim();
  });
  let order = {};
  try { order = await response.json(); } catch { /* not JSON: reported below with the code */ }
  log(`POST /api/orders answered ${response.status()} (Swagger UI shows ${shownCode}); `
    + `Authorization: ${authorization.startsWith('Bearer ') ? 'Bearer <token>' : authorization ? '(not a bearer token)' : '(none)'}; `
    + `order ${order.id ?? '?'} status ${order.status ?? '?'} customer ${order.customerId ?? '?'}`);
  currentStep = 'check the response';
  if (!authorization.startsWith('Bearer ')) throw new Error('the request did not carry the OAuth2 bearer token');
  if (response.status() !== 201 || shownCode !== '201') {
    throw new Error(`expected 201 Created, the gateway answered ${response.status()} and Swagger UI shows ${shownCode}: `
      + `${JSON.stringify(order).slice(0, 500)}`);
  }
  log('PASSED: Authorize (OAuth2 authorization code + PKCE) and try it out POST /api/orders -> 201');
  await browser.close();
  process.exit(0);
} catch (err) {
  console.error(`swagger-ui-check: FAILED at "${currentStep}": ${err.message.split('\n')[0]}`);
  await report();
  await browser?.close().catch(() => {});
  process.exit(1);
}

// On failure: a screenshot and the text a person would look at (the dialog, the operation, the popup).
async function report() {
  const short = (s, n = 2500) => (s.length > n ? `${s.slice(0, n)} ...` : s);
  const textOf = async (locator) => {
    try {
      if (!(await locator.first().isVisible())) return null;
      return short((await locator.first().innerText({ timeout: 2_000 })).trim());
    } catch { return null; }
  };
  if (page && !page.isClosed()) {
    try {
      mkdirSync(dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true, timeout: 10_000 });
      console.error(`screenshot: ${SCREENSHOT}`);
    } catch (e) { console.error(`no screenshot: ${e.message.split('\n')[0]}`); }
    console.error(`page: ${page.url()}`);
    for (const [name, sel] of [['Authorize dialog', '.dialog-ux .modal-ux'],
      ['POST /api/orders', '#operations-Orders-placeOrder'], ['Swagger UI errors', '.swagger-ui .errors-wrapper']]) {
      const text = await textOf(page.locator(sel));
      if (text) console.error(`--- ${name} ---\n${text}`);
    }
    if (!(await textOf(page.locator('.swagger-ui .information-container')))) {
      console.error(`--- page text ---\n${short(await page.locator('body').innerText({ timeout: 2_000 }).catch(() => ''))}`);
    }
  }
  if (popup && !popup.isClosed()) {
    console.error(`--- popup ${popup.url()} ---\n${short(await popup.locator('body').innerText({ timeout: 2_000 }).catch(() => ''))}`);
  }
  if (seen.length) console.error(`--- the browser saw ---\n${seen.join('\n')}`);
}
