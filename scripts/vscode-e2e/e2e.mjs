// Drives code-server in headless Chromium with the extension installed and an ADK project open,
// and checks what a person would see against `switchboard check`. Started by run.sh, which
// passes (environment):
//   E2E_URL        code-server's address          E2E_WORKSPACE  the project folder opened
//   E2E_EXPECTED   JSON: {"errors", "warnings", "infos", "files": {rel: count}} (no hints:
//                  VS Code's Problems panel leaves them out)
//   E2E_OUT        folder for screenshots
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';

const env = (k) => {
  const v = process.env[k];
  if (!v) throw new Error(`${k} is not set`);
  return v;
};
const url = env('E2E_URL');
const workspace = env('E2E_WORKSPACE');
const expected = JSON.parse(env('E2E_EXPECTED'));
const out = env('E2E_OUT');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let failures = 0;
function check(ok, what, detail = '') {
  console.log(`${ok ? 'ok' : 'FAIL'}: ${what}${detail ? ` (${detail})` : ''}`);
  if (!ok) failures++;
}

/** Poll `f` until it returns a truthy value or `ms` pass; the last value. */
async function until(f, ms) {
  const end = Date.now() + ms;
  let v;
  while (Date.now() < end) {
    v = await f();
    if (v) return v;
    await sleep(250);
  }
  return v;
}

async function shot(page, name) {
  const file = join(out, `${name}.png`);
  await page.screenshot({ path: file });
  console.log(`screenshot: ${file}`);
}

async function chord(page, ...keys) {
  for (const k of keys.slice(0, -1)) await page.keyboard.down(k);
  await page.keyboard.press(keys[keys.length - 1]);
  for (const k of keys.slice(0, -1).reverse()) await page.keyboard.up(k);
}

/** "Errors: 4, Warnings: 2, Infos: 1" from the status bar, as numbers. */
async function statusCounts(page) {
  const label = await page.$eval('#status\\.problems', (e) => e.getAttribute('aria-label')).catch(() => '');
  const n = (k) => Number((label.match(new RegExp(`${k}: (\\d+)`)) ?? [0, 0])[1]);
  return { label, errors: n('Errors'), warnings: n('Warnings'), infos: n('Infos') };
}

const wanted = (c) =>
  c.errors === expected.errors && c.warnings === expected.warnings && c.infos === expected.infos;

/** Pick a colour theme as a person does: Ctrl+K Ctrl+T, its name, Enter. */
async function setTheme(page, theme) {
  await page.click('.editor-instance .view-lines');
  await chord(page, 'Control', 'KeyK');
  await chord(page, 'Control', 'KeyT');
  await page.waitForSelector('.quick-input-widget input', { visible: true });
  await sleep(500);
  await page.keyboard.type(theme);
  await sleep(800);
  await page.keyboard.press('Enter');
  await sleep(1500);
}

/** The colours of the editor's spans whose text matches. */
async function colours(page, re) {
  return page.$$eval(
    '.view-lines span span',
    (els, src) =>
      els.filter((e) => new RegExp(src).test(e.textContent)).map((e) => [e.textContent, getComputedStyle(e).color]),
    re.source,
  );
}

const browser = await puppeteer.launch({
  executablePath: process.env.E2E_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  defaultViewport: { width: 1600, height: 1000 },
});
try {
  const page = await browser.newPage();
  await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('#status\\.problems', { timeout: 90_000 });

  // 1. The project's findings, nothing open: the counts of `check`.
  let c = await until(async () => {
    const s = await statusCounts(page);
    return wanted(s) ? s : null;
  }, 60_000);
  c = c ?? (await statusCounts(page));
  const want = `Errors: ${expected.errors}, Warnings: ${expected.warnings}, Infos: ${expected.infos}`;
  check(wanted(c), 'status bar counts equal switchboard check', `${c.label} / want ${want}`);
  await shot(page, '1-workspace');

  // 2. A file with a finding open, the Problems panel shown: still each finding once.
  await chord(page, 'Control', 'KeyP');
  await page.waitForSelector('.quick-input-widget input', { visible: true });
  await page.keyboard.type('payment_plans.yaml');
  await sleep(1500);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.editor-instance .view-lines', { timeout: 30_000 });
  await chord(page, 'Control', 'Shift', 'KeyM');
  await page.waitForSelector('.markers-panel', { timeout: 30_000 });
  await sleep(4000);
  c = await statusCounts(page);
  check(wanted(c), 'with a file open, each finding is counted once', `${c.label} / want ${want}`);
  const total = expected.errors + expected.warnings + expected.infos;
  const badge = await page
    .$$eval('.part.panel .action-item.checked .badge-content', (els) => els.map((e) => e.textContent.trim()))
    .catch(() => []);
  check(badge.includes(String(total)), 'the Problems tab shows the total', `badge ${JSON.stringify(badge)} / want ${total}`);
  const rows = await page.$$eval('.markers-panel .monaco-list-row', (els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  const perFile = {};
  for (const r of rows) {
    const m = r.match(/^(\d+) problems? in file (\S+) (?:of folder (\S+))?/);
    if (m) perFile[m[3] ? `${m[3]}/${m[2]}` : m[2]] = Number(m[1]);
  }
  // The panel lists only what fits; compare the files it shows.
  const shown = Object.keys(perFile);
  check(shown.length > 0, 'the Problems panel lists files', JSON.stringify(rows.slice(0, 3)));
  for (const f of shown) {
    check(perFile[f] === expected.files[f], `Problems panel count for ${f}`, `${perFile[f]} / want ${expected.files[f]}`);
  }
  await shot(page, '2-problems-light');

  // 3. References inside YAML strings stand apart from the string, in a light and a dark theme.
  for (const [theme, name, ref] of [
    ['Light Modern', 'light', 'rgb(175, 0, 219)'],
    ['Dark Modern', 'dark', 'rgb(197, 134, 192)'],
  ]) {
    await setTheme(page, theme);
    const got = await until(async () => {
      const r = await colours(page, /billing_team/);
      return r.length && r[0][1] === ref ? r : null;
    }, 20_000);
    const refColour = (got ?? (await colours(page, /billing_team/)))[0]?.[1];
    // (The editor renders spaces as no-break spaces.)
    const strColour = (await colours(page, /Explain/))[0]?.[1];
    check(refColour === ref, `${name} theme: the handoff reference is a keyword colour`, `${refColour} / want ${ref}`);
    check(refColour !== strColour, `${name} theme: reference and string differ`, `${refColour} vs ${strColour}`);
    await shot(page, `3-reference-${name}`);
  }
  await setTheme(page, 'Light Modern');
  // Close the window as a person does: the extension host then deactivates the extension.
  await page.close({ runBeforeUnload: false });
  await sleep(2000);
} finally {
  await browser.close();
}
console.log(failures === 0 ? 'e2e: all checks passed' : `e2e: ${failures} check(s) failed`);
process.exitCode = failures === 0 ? 0 : 1;
