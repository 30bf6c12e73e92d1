// Copies what the extension ships from elsewhere in the repository into the extension folder
// (vsce packages only files under it):
//   grammar/syntaxes/*.tmLanguage.json  -> syntaxes/
//   schemas/handoffs.schema.json        -> schemas/   (a permissive placeholder if absent)
//   $SWITCHBOARD_SERVER_BINARY          -> server/<platform>-<arch>/switchboard[.exe]  (optional)
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, chmodSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const EXT = join(dirname(fileURLToPath(import.meta.url)), '..');
const REPO = join(EXT, '..', '..');

const syntaxesSrc = join(REPO, 'grammar', 'syntaxes');
const syntaxesDst = join(EXT, 'syntaxes');
rmSync(syntaxesDst, { recursive: true, force: true });
mkdirSync(syntaxesDst, { recursive: true });
const grammars = readdirSync(syntaxesSrc).filter((f) => f.endsWith('.tmLanguage.json'));
if (grammars.length === 0) throw new Error(`no grammars in ${syntaxesSrc}`);
for (const f of grammars) copyFileSync(join(syntaxesSrc, f), join(syntaxesDst, f));
console.log(`prepare-assets: ${grammars.length} grammars`);

const schemaSrc = join(REPO, 'schemas', 'handoffs.schema.json');
const schemaDst = join(EXT, 'schemas', 'handoffs.schema.json');
mkdirSync(dirname(schemaDst), { recursive: true });
if (existsSync(schemaSrc)) {
  copyFileSync(schemaSrc, schemaDst);
  console.log('prepare-assets: handoffs.yaml schema');
} else {
  writeFileSync(
    schemaDst,
    `${JSON.stringify(
      {
        $schema: 'http://json-schema.org/draft-07/schema#',
        $comment: 'Placeholder: schemas/handoffs.schema.json was absent when this extension was built.',
        type: 'object',
      },
      null,
      2,
    )}\n`,
  );
  console.warn('prepare-assets: schemas/handoffs.schema.json not found; shipping a permissive placeholder');
}

const binary = process.env.SWITCHBOARD_SERVER_BINARY;
if (binary) {
  const platform = process.env.SWITCHBOARD_SERVER_TARGET || `${process.platform}-${process.arch}`;
  const name = platform.startsWith('win32') ? 'switchboard.exe' : 'switchboard';
  const dir = join(EXT, 'server', platform);
  mkdirSync(dir, { recursive: true });
  copyFileSync(binary, join(dir, name));
  chmodSync(join(dir, name), 0o755);
  console.log(`prepare-assets: bundled ${binary} as server/${platform}/${name}`);
}
