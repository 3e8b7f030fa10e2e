import assert from 'node:assert/strict';
import { mock } from 'node:test';
import { DebouncedByKey } from '../../src/core/debounce';

// The settings checks give a document that has just opened a longer first delay than an edit's; these
// pin down what that relies on, with Node's mock clock.
describe('DebouncedByKey', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
  afterEach(() => mock.timers.reset());

  it('runs a key once, its default delay after the last call', () => {
    const runs: string[] = [];
    const pending = new DebouncedByKey(300);
    pending.schedule('a', () => runs.push('first'));
    mock.timers.tick(200);
    pending.schedule('a', () => runs.push('second'));
    mock.timers.tick(299);
    assert.deepEqual(runs, []);
    mock.timers.tick(1);
    assert.deepEqual(runs, ['second']);
  });

  it('waits the delay a call gives instead of the default, and a later call replaces it', () => {
    const runs: string[] = [];
    const pending = new DebouncedByKey(300);
    pending.schedule('a', () => runs.push('opened'), 1000);
    pending.schedule('b', () => runs.push('other'));
    mock.timers.tick(300);
    assert.deepEqual(runs, ['other']);
    mock.timers.tick(699);
    assert.deepEqual(runs, ['other']);
    mock.timers.tick(1);
    assert.deepEqual(runs, ['other', 'opened']);
    pending.schedule('a', () => runs.push('long'), 1000);
    mock.timers.tick(100);
    pending.schedule('a', () => runs.push('edited'));
    mock.timers.tick(300);
    assert.deepEqual(runs, ['other', 'opened', 'edited']);
  });

  it('cancels a pending run', () => {
    const runs: string[] = [];
    const pending = new DebouncedByKey(300);
    pending.schedule('a', () => runs.push('a'), 50);
    pending.cancel('a');
    mock.timers.tick(1000);
    assert.deepEqual(runs, []);
  });
});
