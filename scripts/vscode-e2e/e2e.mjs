// Drives code-server in headless Chromium with the extension installed and a workspace of two
// ADK projects open, and checks what a person would see against `switchboard check`. Started by
// run.sh, which passes (environment):
//   E2E_URL        code-server's address          E2E_WORKSPACE  the workspace folder opened
//   E2E_EXPECTED   JSON: {"errors", "warnings", "infos", "files": {rel: count}} (no hints:
//                  VS Code's Problems panel leaves them out; paths relative to the workspace)
//   E2E_OUT        folder for screenshots        E2E_ORIGINAL   a copy of the workspace as opened
//   E2E_GRAPH      `switchboard graph` of harbor-dental (Mermaid)
// The workspace holds `harbor-dental/` (the example) and `lakeside-vet/` (a project without
// project.yaml).
import { readFile } from 'node:fs/promises';
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
// The projects as copied into the workspace (to check a file is back to what it was).
const original = env('E2E_ORIGINAL');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const started = Date.now();

let failures = 0;
function check(ok, what, detail = '') {
  const t = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${ok ? 'ok' : 'FAIL'}: ${what}${detail ? ` (${detail})` : ''} [${t}s]`);
  if (!ok) failures++;
  return ok;
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

const sameCounts = (c, e) => c.errors === e.errors && c.warnings === e.warnings && c.infos === e.infos;
const wanted = (c) => sameCounts(c, expected);
const want = `Errors: ${expected.errors}, Warnings: ${expected.warnings}, Infos: ${expected.infos}`;

/** Wait until the status bar shows `e`'s counts; whether it did, and what it showed. */
async function countsBecome(page, e, ms = 20_000) {
  const c = await until(async () => {
    const s = await statusCounts(page);
    return sameCounts(s, e) ? s : null;
  }, ms);
  return c ?? { ...(await statusCounts(page)), missed: true };
}

/** Run a command from the palette by its title, once the palette has it first; whether it did. */
async function command(page, title) {
  await chord(page, 'Control', 'Shift', 'KeyP');
  await page.waitForSelector('.quick-input-widget input', { visible: true });
  await sleep(300);
  await page.keyboard.type(title);
  const first = await until(async () => {
    const t = await page
      .$eval('.quick-input-list .monaco-list-row.focused .label-name', (e) => e.textContent.trim())
      .catch(() => '');
    return t === title ? t : null;
  }, 5000);
  if (!first) {
    await page.keyboard.press('Escape');
    return false;
  }
  await page.keyboard.press('Enter');
  await sleep(700);
  return true;
}

/** The active editor group's active tab label. */
async function activeTab(page) {
  return page
    .$eval('.editor-group-container.active .tabs-container .tab.active .label-name', (e) => e.textContent.trim())
    .catch(() => '');
}

/** The breadcrumb path of the active editor, e.g. ['harbor-dental', 'config', 'handoffs.yaml', …]. */
async function breadcrumbs(page) {
  return page
    .$$eval('.editor-group-container.active .breadcrumbs-control .monaco-breadcrumb-item', (els) =>
      els.map((e) => e.textContent.trim()).filter(Boolean),
    )
    .catch(() => []);
}

/** Open a workspace file by its path relative to the workspace (Quick Open). */
async function openFile(page, rel) {
  const base = rel.split('/').pop();
  await chord(page, 'Control', 'KeyP');
  await page.waitForSelector('.quick-input-widget input', { visible: true });
  await sleep(300);
  await page.keyboard.type(rel);
  await sleep(1200);
  await page.keyboard.press('Enter');
  const ok = await until(async () => (await activeTab(page)) === base, 15_000);
  await page.waitForSelector('.editor-instance .view-lines', { timeout: 15_000 });
  await sleep(500);
  return ok;
}

/** Put the cursor at 1-based `line`, `col` (Go to Line). */
async function goto(page, line, col) {
  await chord(page, 'Control', 'KeyG');
  await page.waitForSelector('.quick-input-widget input', { visible: true });
  await sleep(200);
  await page.keyboard.type(`${line}:${col}`);
  await sleep(300);
  await page.keyboard.press('Enter');
  await sleep(400);
}

/** The cursor position the status bar shows ("Ln 2, Col 9"). */
async function cursor(page) {
  return page
    .$eval('#status\\.editor\\.selection', (e) => e.textContent.trim())
    .catch(() => '');
}

/** The active editor's visible lines by number (no-break spaces back to spaces, inlay hints left out). */
async function editorLines(page) {
  return page.$$eval('.editor-group-container.active .editor-instance', (eds) => {
    const ed = eds[0];
    if (!ed) return {};
    const top = (el) => Math.round(parseFloat(el.style.top || '0'));
    const numbers = {};
    for (const n of ed.querySelectorAll('.margin-view-overlays > div')) {
      const ln = n.querySelector('.line-numbers');
      if (ln) numbers[top(n)] = Number(ln.textContent.trim());
    }
    // Inlay hints are injected text (spans of a `dyn-rule-*` class): not the buffer's.
    const lines = {};
    for (const l of ed.querySelectorAll('.view-lines .view-line')) {
      const k = numbers[top(l)];
      if (!k) continue;
      const own = [...l.querySelectorAll('span > span')].filter((s) => !/\bdyn-rule-/.test(s.className));
      lines[k] = own.map((s) => s.textContent).join('').replace(/\u00a0/g, ' ');
    }
    return lines;
  });
}

/** The inlay hints shown in the active editor (injected text). */
async function inlayHints(page) {
  return page
    .$$eval('.editor-group-container.active .view-lines .view-line span[class*="dyn-rule-"]', (els) =>
      els.map((e) => e.textContent.replace(/\u00a0/g, ' ').trim()).filter(Boolean),
    )
    .catch(() => []);
}

/** Undo the last edit of the active editor and save it: the file is the example's again. */
async function undoAndSave(page, rel) {
  await chord(page, 'Control', 'KeyZ');
  await sleep(400);
  await chord(page, 'Control', 'KeyS');
  const same = await until(async () => {
    const now = await readFile(join(workspace, rel), 'utf8');
    return now === (await readFile(join(original, rel), 'utf8'));
  }, 5000);
  check(Boolean(same), `undo and save: ${rel} is as before the fix`);
}

/** The frame of the routing graph's webview (VS Code nests it in two iframes), once drawn. */
async function graphFrame(page) {
  for (const f of page.frames()) {
    try {
      if (await f.$('svg.routing')) return f;
    } catch {
      // A frame going away.
    }
  }
  return null;
}

/** What the routing graph shows: node ids (with classes), edges, the summary, its version. */
async function graphState(frame) {
  return frame.evaluate(() => ({
    version: document.body.getAttribute('data-version'),
    summary: document.getElementById('summary')?.textContent ?? '',
    nodes: Object.fromEntries(
      [...document.querySelectorAll('svg.routing g.node')].map((g) => [g.getAttribute('data-node'), g.getAttribute('class')]),
    ),
    edges: [...document.querySelectorAll('svg.routing g.edge')].map(
      (g) => `${g.getAttribute('data-from')}->${g.getAttribute('data-to')}:${g.getAttribute('class').replace('edge ', '')}`,
    ),
  }));
}

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

/** Labels of the suggest widget's rows, once it shows. */
async function suggestions(page) {
  return page
    .$$eval('.suggest-widget.visible .monaco-list-row', (els) =>
      els.map((e) => (e.querySelector('.label-name')?.textContent ?? e.getAttribute('aria-label') ?? '').trim()),
    )
    .catch(() => []);
}

/** The text of the visible hover, if any. */
async function hoverText(page) {
  return page
    .$$eval('.monaco-hover:not(.hidden) .hover-contents', (els) => els.map((e) => e.textContent).join('\n'))
    .catch(() => '');
}

/** Apply the code action at the cursor whose title contains `title` (Ctrl+.); its title. */
async function quickFix(page, title) {
  await chord(page, 'Control', 'Period');
  const rows = await until(async () => {
    const r = await page
      .$$eval('.action-widget .monaco-list-row', (els) => els.map((e) => e.textContent.trim()))
      .catch(() => []);
    return r.length ? r : null;
  }, 10_000);
  const i = (rows ?? []).findIndex((r) => r.includes(title));
  if (i < 0) {
    await page.keyboard.press('Escape');
    return { applied: false, rows: rows ?? [] };
  }
  const els = await page.$$('.action-widget .monaco-list-row');
  await els[i].click();
  await sleep(800);
  return { applied: true, rows };
}

// Toasts: collected every 200 ms in the page for the whole run (an error toast would say the
// extension or the server failed).
const watchToasts = () => {
  window.__toasts = [];
  setInterval(() => {
    for (const t of document.querySelectorAll('.notifications-toasts .notification-list-item')) {
      const icon = t.querySelector('.notification-list-item-icon')?.className ?? '';
      const severity = /codicon-error/.test(icon) ? 'error' : /codicon-warning/.test(icon) ? 'warning' : 'info';
      const text = t.querySelector('.notification-list-item-message')?.textContent?.trim() ?? '';
      if (!window.__toasts.some((x) => x.text === text && x.severity === severity)) {
        window.__toasts.push({ severity, text });
      }
    }
  }, 200);
};

const browser = await puppeteer.launch({
  executablePath: process.env.E2E_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  defaultViewport: { width: 1600, height: 1000 },
});
try {
  const page = await browser.newPage();
  await page.evaluateOnNewDocument(watchToasts);
  await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('#status\\.problems', { timeout: 90_000 });

  // 1. Both projects' findings, nothing open: the counts of `check` over the workspace.
  let c = await countsBecome(page, expected, 60_000);
  check(wanted(c), 'status bar counts equal switchboard check (both projects)', `${c.label} / want ${want}`);
  await shot(page, '1-workspace');

  // 2. A file with a finding open, the Problems panel shown: still each finding once.
  check(await openFile(page, 'harbor-dental/topics/payment_plans.yaml'), 'payment_plans.yaml opens');
  await chord(page, 'Control', 'Shift', 'KeyM');
  await page.waitForSelector('.markers-panel', { timeout: 30_000 });
  await sleep(3000);
  c = await statusCounts(page);
  check(wanted(c), 'with a file open, each finding is counted once', `${c.label} / want ${want}`);
  const total = expected.errors + expected.warnings + expected.infos;
  const badge = await page
    .$$eval('.part.panel .action-item.checked .badge-content', (els) => els.map((e) => e.textContent.trim()))
    .catch(() => []);
  check(badge.includes(String(total)), 'the Problems tab shows the total', `badge ${JSON.stringify(badge)} / want ${total}`);
  await shot(page, '2-problems-light');
  // Every file's row, collapsed (one row a file): the count of each, both projects.
  await page.click('.part.panel .codicon-collapse-all').catch(() => {});
  await sleep(800);
  const rows = await page.$$eval('.markers-panel .monaco-list-row', (els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  const perFile = {};
  for (const r of rows) {
    const m = r.match(/^(\d+) problems? in file (\S+) (?:of folder (\S+))?/);
    if (m) perFile[m[3] ? `${m[3]}/${m[2]}` : m[2]] = Number(m[1]);
  }
  check(
    JSON.stringify(Object.keys(perFile).sort()) === JSON.stringify(Object.keys(expected.files).sort()),
    'the Problems panel lists exactly the files check reports',
    `${JSON.stringify(Object.keys(perFile).sort())} / want ${JSON.stringify(Object.keys(expected.files).sort())}`,
  );
  for (const f of Object.keys(expected.files)) {
    check(perFile[f] === expected.files[f], `Problems panel count for ${f}`, `${perFile[f]} / want ${expected.files[f]}`);
  }
  const second = Object.keys(perFile).filter((f) => f.startsWith('lakeside-vet/'));
  check(second.length > 0, 'the project without project.yaml is served: its findings are listed', JSON.stringify(second));
  await shot(page, '2-problems-all-files');

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
  await chord(page, 'Control', 'KeyJ'); // the panel away: more room for the editor

  // 4. Completion: typing `{{ho:` in a topic lists the project's handoffs.
  await goto(page, 12, 200); // the end of the last line of `actions`
  await page.keyboard.type(' Or {{ho:', { delay: 60 });
  const handoffs = ['Front Desk', 'billing', 'on_call_dentist', 'end_call'];
  const items = await until(async () => {
    const s = await suggestions(page);
    return handoffs.every((h) => s.includes(h)) ? s : null;
  }, 15_000);
  const shown = items ?? (await suggestions(page));
  check(
    handoffs.every((h) => shown.includes(h)),
    'completion after `{{ho:` lists the handoffs',
    `${JSON.stringify(shown)} / want ${JSON.stringify(handoffs)}`,
  );
  await shot(page, '4-completion');
  await page.keyboard.press('Escape');
  // Undo as a person would, until the line is as it was (typing, auto-closed braces and the
  // completion session are several undo steps).
  let reverted = false;
  for (let i = 0; i < 15 && !reverted; i++) {
    await chord(page, 'Control', 'KeyZ');
    await sleep(250);
    reverted = (await editorLines(page))[12] === '  arrange it and transfer them to {{ho:billing_team}}.';
  }
  const clean = await until(
    () => page.$eval('.editor-group-container.active .tab.active', (t) => !t.classList.contains('dirty')).catch(() => false),
    5000,
  );
  check(reverted && clean, 'the typed text is undone (the file is clean again)', JSON.stringify((await editorLines(page))[12]));

  // 5. Hover on a handoff reference: its method, route and description.
  check(await openFile(page, 'harbor-dental/topics/billing_questions.yaml'), 'billing_questions.yaml opens');
  const hints = await until(async () => {
    const h = await inlayHints(page);
    return h.includes('→ +14155550100 (refer)') ? h : null;
  }, 10_000);
  check(Boolean(hints), 'the inlay hint after {{ho:Front Desk}} shows its route', JSON.stringify(hints ?? (await inlayHints(page))));
  await goto(page, 17, 63); // inside `Front Desk` of `{{ho:Front Desk}}`
  await chord(page, 'Control', 'KeyK');
  await chord(page, 'Control', 'KeyI');
  const hover = await until(async () => {
    const t = await hoverText(page);
    return t.includes('Front Desk') && t.includes('+14155550100') ? t : null;
  }, 10_000);
  const ht = hover ?? (await hoverText(page));
  check(
    ['handoff', 'Front Desk', 'refer', '+14155550100', 'Reception team'].every((w) => ht.includes(w)),
    'hover on {{ho:Front Desk}} shows the handoff',
    JSON.stringify(ht.slice(0, 160)),
  );
  await shot(page, '5-hover');
  await page.keyboard.press('Escape');

  // 6. Go to definition on `{{ho:Front Desk}}`: config/handoffs.yaml at the handoff's name.
  await goto(page, 17, 63);
  await page.keyboard.press('F12');
  const def = await until(async () => ((await activeTab(page)) === 'handoffs.yaml' ? true : null), 10_000);
  await sleep(500);
  const crumbs = await breadcrumbs(page);
  const at = await cursor(page);
  check(
    Boolean(def) && crumbs.slice(0, 3).join('/') === 'harbor-dental/config/handoffs.yaml',
    'go to definition opens harbor-dental/config/handoffs.yaml',
    JSON.stringify(crumbs),
  );
  check(at.startsWith('Ln 2, Col 9'), 'at the handoff `Front Desk` (line 2, column 9)', at);
  await shot(page, '6-definition');

  // 7. Quick fixes. An unknown handoff's did-you-mean: `{{ho:billing_team}}` becomes
  //    `{{ho:billing}}` and the error goes.
  check(await openFile(page, 'harbor-dental/topics/payment_plans.yaml'), 'payment_plans.yaml opens again');
  await goto(page, 12, 42);
  let fix = await quickFix(page, 'billing');
  check(fix.applied, 'the did-you-mean fix is offered', JSON.stringify(fix.rows));
  let lines = await until(async () => {
    const l = await editorLines(page);
    return l[12]?.includes('{{ho:billing}}.') ? l : null;
  }, 5000);
  check(Boolean(lines), 'the fix rewrites {{ho:billing_team}} to {{ho:billing}}', JSON.stringify((await editorLines(page))[12]));
  const fewer = { ...expected, errors: expected.errors - 1 };
  c = await countsBecome(page, fewer);
  check(!c.missed, 'the error is gone from the counts', `${c.label} / want one error fewer`);
  await shot(page, '7-quick-fix-did-you-mean');
  // VS Code saves a file a code action edited when it was not dirty before
  // (`files.refactoring.autoSave`): undo, and save the original back.
  await undoAndSave(page, 'harbor-dental/topics/payment_plans.yaml');
  c = await countsBecome(page, expected);
  check(!c.missed, 'undone: the counts are check’s again', c.label);

  // The alternate handoff spelling (SB213, a hint): `<<ho:Front Desk>>` becomes `{{ho:Front Desk}}`.
  check(await openFile(page, 'harbor-dental/topics/new_patients.yaml'), 'new_patients.yaml opens');
  await goto(page, 18, 20);
  fix = await quickFix(page, '{{ho:Front Desk}}');
  check(fix.applied, 'the canonical-spelling fix is offered', JSON.stringify(fix.rows));
  lines = await until(async () => {
    const l = await editorLines(page);
    return l[18] === '  transfer to {{ho:Front Desk}} so the team can plan the visit.' ? l : null;
  }, 5000);
  check(Boolean(lines), 'the fix rewrites <<ho:Front Desk>> to {{ho:Front Desk}}', JSON.stringify((await editorLines(page))[18]));
  await shot(page, '7-quick-fix-canonical');
  await undoAndSave(page, 'harbor-dental/topics/new_patients.yaml');

  // 8. The project without project.yaml answers too: definition of `{{ho:Reception}}` there.
  check(await openFile(page, 'lakeside-vet/topics/after_hours.yaml'), 'lakeside-vet/topics/after_hours.yaml opens');
  await goto(page, 11, 59); // inside `Reception` of `{{ho:Reception}}`
  await page.keyboard.press('F12');
  await until(async () => ((await activeTab(page)) === 'handoffs.yaml' ? true : null), 10_000);
  await sleep(500);
  const crumbs2 = await breadcrumbs(page);
  check(
    crumbs2.slice(0, 3).join('/') === 'lakeside-vet/config/handoffs.yaml' && (await cursor(page)).startsWith('Ln 2, Col 9'),
    'in the second project, go to definition opens its config/handoffs.yaml at `Reception`',
    `${JSON.stringify(crumbs2)} ${await cursor(page)}`,
  );
  await shot(page, '8-second-project');

  // 9. The routing graph: drawn beside the editor from `switchboard/routingGraph`, redrawn after
  //    an edit, and a click on a node opens its source.
  check(await openFile(page, 'harbor-dental/topics/payment_plans.yaml'), 'payment_plans.yaml opens for the graph');
  await chord(page, 'Control', 'KeyB'); // the side bar away: room for the graph beside the editor
  check(await command(page, 'switchboard: Show Routing Graph'), 'switchboard: Show Routing Graph runs');
  let frame = await until(() => graphFrame(page), 20_000);
  check(Boolean(frame), 'the routing graph webview draws an SVG');
  if (frame) {
    let gs = await graphState(frame);
    const wantNodes = ['ho_front_desk', 'ho_billing', 'ho_on_call_dentist', 'ho_end_call', 'topic_billing_questions', 'fn_transfer_to_billing', 'missing_ho_billing_team', 'rules_transfers'];
    check(wantNodes.every((n) => n in gs.nodes), 'the graph has the example’s handoffs, sites and functions', Object.keys(gs.nodes).length + ' nodes');
    check(
      /\bconflict\b/.test(gs.nodes.topic_billing_questions ?? '') && gs.edges.includes('topic_billing_questions->fn_transfer_to_billing:conflict'),
      'the SB301 conflict is marked (node and edge)',
      gs.nodes.topic_billing_questions,
    );
    check(
      /\bflagged\b/.test(gs.nodes.missing_ho_billing_team ?? '') && gs.edges.includes('topic_payment_plans->missing_ho_billing_team:unresolved'),
      'the unresolved {{ho:billing_team}} is marked',
      gs.nodes.missing_ho_billing_team,
    );
    // The same nodes and edges as `switchboard graph harbor-dental` prints (Mermaid).
    const mm = env('E2E_GRAPH').split('\n');
    const cliNodes = mm.map((l) => l.match(/^ {2}(\w+)(?:\[|\{\{|\(\[)/)?.[1]).filter(Boolean).sort();
    const arrows = { '-->': 'normal', '==>': 'conflict', '-.->': 'unresolved' };
    const cliEdges = mm
      .map((l) => l.match(/^ {2}(\w+) (-->|==>|-\.->)(?:\|"[^"]*"\|)? (\w+)$/))
      .filter(Boolean)
      .map((m) => `${m[1]}->${m[3]}:${arrows[m[2]]}`)
      .sort();
    check(
      JSON.stringify(Object.keys(gs.nodes).sort()) === JSON.stringify(cliNodes),
      'the webview draws the nodes of `switchboard graph`',
      `${Object.keys(gs.nodes).length} / want ${cliNodes.length}`,
    );
    check(
      JSON.stringify([...gs.edges].sort()) === JSON.stringify(cliEdges),
      'the webview draws the edges of `switchboard graph`',
      `${gs.edges.length} / want ${cliEdges.length}`,
    );
    check(gs.summary === `${cliNodes.length} nodes, ${cliEdges.length} edges, 1 conflict, 1 unresolved`, 'the summary line', gs.summary);
    await shot(page, '9-routing-graph');

    // An edit in the project (the did-you-mean fix) redraws it: the edge goes to `billing`.
    await page.click('.editor-group-container .editor-instance .view-lines');
    await goto(page, 12, 42);
    fix = await quickFix(page, 'billing');
    check(fix.applied, 'the did-you-mean fix, with the graph open');
    const redrawn = await until(async () => {
      const st = await graphState(frame);
      return st.edges.includes('topic_payment_plans->ho_billing:normal') && !('missing_ho_billing_team' in st.nodes) ? st : null;
    }, 15_000);
    check(Boolean(redrawn), 'the graph is redrawn after the edit: payment_plans -> billing, no unresolved node', JSON.stringify((redrawn ?? (await graphState(frame))).summary));
    await shot(page, '9-routing-graph-after-edit');
    await undoAndSave(page, 'harbor-dental/topics/payment_plans.yaml');
    const back = await until(async () => {
      const st = await graphState(frame);
      return 'missing_ho_billing_team' in st.nodes ? st : null;
    }, 15_000);
    check(Boolean(back), 'undone: the unresolved node is back');

    // Clicks open the source with the node's range selected: a handoff's name (line 2, columns
    // 9-18, the cursor at its end), a topic's name.
    for (const [id, crumbs, at] of [
      ['ho_front_desk', 'harbor-dental/config/handoffs.yaml', 'Ln 2, Col 19 (10 selected)'],
      ['topic_billing_questions', 'harbor-dental/topics/billing_questions.yaml', 'Ln 1, Col 24 (17 selected)'],
    ]) {
      frame = (await graphFrame(page)) ?? frame;
      const el = await frame.$(`g.node[data-node="${id}"] rect`);
      if (!el) {
        check(false, `the node ${id} is in the graph`);
        continue;
      }
      await el.click();
      const base = crumbs.split('/').pop();
      await until(async () => ((await activeTab(page)) === base ? true : null), 10_000);
      await sleep(500);
      const got = (await breadcrumbs(page)).slice(0, 3).join('/');
      const cur = await cursor(page);
      check(got === crumbs && cur === at, `clicking ${id} opens ${crumbs}, ${at}`, `${got} ${cur}`);
    }
    await shot(page, '9-routing-graph-click');
  }

  // 10. No error toast the whole run.
  const toasts = await page.evaluate(() => window.__toasts ?? []);
  for (const t of toasts) console.log(`toast (${t.severity}): ${t.text}`);
  const errors = toasts.filter((t) => t.severity === 'error');
  check(errors.length === 0, 'no error notification during the run', JSON.stringify(errors));

  // Close the window as a person does: the extension host then deactivates the extension.
  await page.close({ runBeforeUnload: false });
  await sleep(2000);
} finally {
  await browser.close();
}
console.log(
  `${failures === 0 ? 'e2e: all checks passed' : `e2e: ${failures} check(s) failed`} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
process.exitCode = failures === 0 ? 0 : 1;
