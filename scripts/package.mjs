// `npm run package` (after the production build): the VSIX for the Marketplace and Open VSX.
//
//   node scripts/package.mjs [--local] [--out FILE]
//
// package.json's `repository` is the one place the public address lives. vsce derives the rest from it:
// the listing's Source, Issues (`<repository>/issues`) and Learn (`<repository>#readme`) links, and the
// absolute URLs the README's relative links and screenshots are rewritten to (`<repository>/raw/HEAD/…`),
// which is why `homepage` and `bugs` are not written in package.json. Until a repository is set, packaging
// for a registry fails with a message saying how to set it; `--local` makes a VSIX for installing by hand
// (the README keeps its relative links, so its pictures show only on the repository page).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function repositoryUrl() {
  const { repository } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  return typeof repository === 'string' ? repository : repository?.url;
}

// vsce guesses where README images live only for GitHub and GitLab; anywhere else they would break.
function checkRepository(url) {
  if (!url) {
    return [
      'package.json has no "repository". The Marketplace and Open VSX take the listing\'s Source, Issues and',
      'homepage links and the addresses of the README\'s screenshots from it. Once the public repository exists,',
      'set it there (the only place it is needed):',
      '  npm pkg set repository.type=git repository.url=https://github.com/OWNER/django-kit.git',
      'For a VSIX to install by hand, without a repository: npm run package -- --local',
    ].join('\n');
  }
  if (!/(github|gitlab)(\.com\/|:)/.test(url)) {
    return `package.json "repository" is ${url}: vsce derives the README image and link addresses only for github.com and gitlab.com.`;
  }
  return undefined;
}

const { values: options } = parseArgs({
  options: { local: { type: 'boolean', default: false }, out: { type: 'string', default: 'django-kit.vsix' } },
});
const args = ['vsce', 'package', '--no-dependencies', '-o', path.resolve(repoRoot, options.out)];
const problem = checkRepository(repositoryUrl());
if (problem && !options.local) {
  console.error(problem);
  process.exit(1);
}
if (problem) args.push('--allow-missing-repository', '--no-rewrite-relative-links');
const result = spawnSync('npx', args, { cwd: repoRoot, stdio: 'inherit' });
process.exitCode = result.status ?? 1;
