import { strict as assert } from 'node:assert';
import { test } from 'node:test';

import { DEFAULT_BACKOFF, RestartPolicy, delayFor } from '../src/backoff';

test('delays double from 500 ms and stop at 30 s', () => {
  assert.deepEqual(
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 40].map((n) => delayFor(n)),
    [500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000],
  );
  assert.equal(delayFor(0), 0);
});

test('crashes in a row back off, then give up after the last attempt', () => {
  const p = new RestartPolicy();
  const delays: number[] = [];
  let t = 0;
  for (;;) {
    p.started(t);
    t += 1000; // crashes a second after each start
    const d = p.crashed(t);
    if (!d.restart) break;
    delays.push(d.delayMs);
    t += d.delayMs;
  }
  assert.equal(delays.length, DEFAULT_BACKOFF.maxAttempts);
  assert.deepEqual(delays, [500, 1000, 2000, 4000, 8000, 16000, 30000, 30000]);
});

test('a server that ran for a minute starts the schedule afresh', () => {
  const p = new RestartPolicy();
  p.started(0);
  assert.deepEqual(p.crashed(10), { restart: true, delayMs: 500, attempt: 1 });
  p.started(600);
  assert.deepEqual(p.crashed(700), { restart: true, delayMs: 1000, attempt: 2 });
  p.started(2000);
  assert.deepEqual(p.crashed(2000 + 60_000), { restart: true, delayMs: 500, attempt: 1 });
});

test('a manual restart forgets past crashes', () => {
  const p = new RestartPolicy({ initialMs: 100, maxMs: 1000, stableMs: 10_000, maxAttempts: 2 });
  p.started(0);
  p.crashed(1);
  p.crashed(2);
  assert.deepEqual(p.crashed(3), { restart: false });
  p.reset();
  assert.deepEqual(p.crashed(4), { restart: true, delayMs: 100, attempt: 1 });
});
