import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type CliCommand, type CliIO, UsageError } from './cli/command';
import { envCommand } from './cli/env';
import { jwtCommand } from './cli/jwt';
import { migrationsCommand } from './cli/migrations';
import { projectCommand } from './cli/project';
import { serializersCommand } from './cli/serializers';
import { settingsCommand } from './cli/settings';
import { templatesCommand } from './cli/templates';

// Subcommands register here; each lives in src/cli/<area>.ts over the same core as the extension.
const commands: CliCommand[] = [
  envCommand,
  migrationsCommand,
  serializersCommand,
  settingsCommand,
  jwtCommand,
  templatesCommand,
  projectCommand,
];

function version(): string {
  const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

function help(): string {
  const lines = ['Usage: django-kit <command> [options]', '', 'Commands:'];
  for (const command of commands) lines.push(`  ${command.name.padEnd(22)}${command.summary}`);
  lines.push('', 'Options:', '  --help                Show this help, or a command\'s with `django-kit <command> --help`', '  --version             Print the version');
  return `${lines.join('\n')}\n`;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${version()}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`django-kit: unknown command '${name}'\n\n${help()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`django-kit ${name}: ${error.message}\n\n${command.usage}\n`);
      return 2;
    }
    io.stderr(`django-kit ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

if (require.main === module) {
  const io: CliIO = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin,
    cwd: process.cwd(),
  };
  void main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
