import assert from 'node:assert/strict';
import { findVenvPython, venvPython } from '../../src/core/python/venv';

describe('venv layout', () => {
  it('puts the interpreter in Scripts\\python.exe on Windows', () => {
    assert.equal(venvPython('C:\\work\\My Project\\venv', 'win32'), 'C:\\work\\My Project\\venv\\Scripts\\python.exe');
  });

  it('puts the interpreter in bin/python elsewhere', () => {
    assert.equal(venvPython('/home/ana/projet été/.venv', 'posix'), '/home/ana/projet été/.venv/bin/python');
  });

  it('finds the first environment folder in search order', () => {
    const present = new Set(['/p/.venv/bin/python', '/root/venv/bin/python']);
    assert.equal(findVenvPython(['/p', '/root'], (f) => present.has(f), 'posix'), '/p/.venv/bin/python');
    assert.equal(findVenvPython(['/q'], (f) => present.has(f), 'posix'), undefined);
  });
});
