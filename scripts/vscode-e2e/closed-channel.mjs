// Finds the writes to a closed output channel (`Error: Channel has been closed` and its stack)
// in VS Code's logs and says whose they are: the extension whose files the stack runs through.
//
//   node closed-channel.mjs <logs folder> <the extension's install folder>
//
// Exits 1 when one is the extension's (a frame in its folder, its bundled vscode-languageclient
// included) or belongs to no extension at all (it could be anyone's); writes by other extensions
// (VS Code's own JSON language client logs to its closed channel when its server exits after the
// window closed) are listed and do not fail.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const [logs, ours] = process.argv.slice(2);
if (!logs || !ours) {
  console.error('usage: node closed-channel.mjs <logs folder> <extension folder>');
  process.exit(2);
}

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (name.endsWith('.log')) yield p;
  }
}

/** Whose stack: 'ours', an extension's folder name, or undefined. */
function owner(frames) {
  if (frames.some((f) => f.includes(ours))) return 'ours';
  for (const f of frames) {
    // Built-in: …/lib/vscode/extensions/<name>/…; installed: <extensions dir>/<publisher.name-version>/…
    const m = f.match(/[\\/]extensions[\\/]([^\\/]+)[\\/]/);
    if (m) return m[1];
  }
  return undefined;
}

let bad = 0;
let seen = 0;
for (const file of files(logs)) {
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].includes('Channel has been closed')) continue;
    seen++;
    const frames = [];
    for (let j = i + 1; j < lines.length && /^\s+at /.test(lines[j]); j++) frames.push(lines[j].trim());
    const who = owner(frames);
    const where = frames.find((f) => !f.includes('extensionHostProcess.js')) ?? frames[0] ?? '(no stack)';
    if (who === 'ours' || who === undefined) {
      bad++;
      console.log(`FAIL: ${who === 'ours' ? 'the extension' : 'an unknown caller'} wrote to a closed output channel: ${where}`);
    } else {
      console.log(`note: ${who} (not this extension) wrote to its closed output channel: ${where}`);
    }
  }
}
if (bad === 0) {
  console.log(
    `ok: no write by the extension to a closed output channel in the extension host logs${seen ? ` (${seen} by others)` : ''}`,
  );
}
process.exit(bad === 0 ? 0 : 1);
