// Installs VS Code's server (the npm package code-server, pinned) into .vscode-test/, once, the way
// @vscode/test-electron caches desktop VS Code. Offline-safe: every step that would download
// something from outside the npm registry is given a local answer first.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// 4.100.x is the last line that runs on Node 20; later ones need Node 22.
export const CODE_SERVER_VERSION = '4.100.3';
const RIPGREP_CACHE = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_ARCHIVE = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const installDir = path.join(repoRoot, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
const marker = path.join(installDir, '.installed');

/** The folder of the installed code-server package. */
export function codeServerDir() {
  return path.join(installDir, 'node_modules', 'code-server');
}

/** The Node entry point that starts the server. */
export function codeServerEntry() {
  return path.join(codeServerDir(), 'out', 'node', 'entry.js');
}

export function ensureCodeServer() {
  if (existsSync(marker) && existsSync(codeServerEntry())) return codeServerDir();
  console.log(`Installing code-server ${CODE_SERVER_VERSION} into ${path.relative(repoRoot, installDir)} (once)…`);
  rmSync(installDir, { recursive: true, force: true });
  mkdirSync(installDir, { recursive: true });
  const tmp = mkdtempSync(path.join(installDir, 'tmp-'));
  seedRipgrepCache(tmp);
  writeFileSync(path.join(installDir, 'package.json'), '{ "private": true }\n');
  const result = spawnSync(
    'npm',
    ['install', '--no-save', '--no-audit', '--no-fund', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`],
    {
      cwd: installDir,
      stdio: 'inherit',
      env: {
        ...process.env,
        TMPDIR: tmp,
        // As root, code-server's postinstall refuses to run unless told it may.
        npm_config_unsafe_perm: 'true',
        // node-pty's postinstall calls `npx node-gyp`, which a global `yes=false` would refuse.
        npm_config_yes: 'true',
      },
    },
  );
  rmSync(tmp, { recursive: true, force: true });
  if (result.status !== 0 || !existsSync(codeServerEntry())) {
    throw new Error(
      `code-server ${CODE_SERVER_VERSION} did not install (npm exit ${result.status}). ` +
        'It needs the Debian packages libkrb5-dev (kerberos builds from source) and ripgrep; see README.',
    );
  }
  writeFileSync(marker, `${new Date().toISOString()}\n`);
  return codeServerDir();
}

// @vscode/ripgrep's postinstall downloads ripgrep from GitHub unless it finds this archive in its
// cache under TMPDIR. Debian's ripgrep 13.0.0 packed with `rg` at the archive root satisfies it.
function seedRipgrepCache(tmp) {
  const rg = findOnPath('rg');
  if (!rg) throw new Error('ripgrep (`rg`) is not on PATH: install the Debian package ripgrep');
  const cacheDir = path.join(tmp, RIPGREP_CACHE);
  const staging = path.join(tmp, 'rg-staging');
  mkdirSync(cacheDir, { recursive: true });
  mkdirSync(staging, { recursive: true });
  copyFileSync(rg, path.join(staging, 'rg'));
  execFileSync('tar', ['-czf', path.join(cacheDir, RIPGREP_ARCHIVE), '-C', staging, 'rg']);
}

function findOnPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(ensureCodeServer());
}
