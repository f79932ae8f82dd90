import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TRANSITIONS as APPLICATION_TRANSITIONS } from '../src/modules/applications/application.status.js';
import { ACTION_LABELS } from '../src/modules/audit-trail/audit-trail.labels.js';
import { TRANSITIONS } from '../src/modules/documents/document.status.js';

/** Every audit action the code writes has a Chinese label in the viewer. */
describe('audit action labels', () => {
  it('cover every action passed to recordAudit', () => {
    const files = execFileSync(
      'git',
      ['ls-files', '--cached', '--others', '--exclude-standard', 'src/*.ts', 'src/*.tsx'],
      { encoding: 'utf8' },
    )
      .split('\n')
      .filter(Boolean);
    const actions = new Set<string>();
    for (const f of files) {
      if (f.endsWith('.test.ts')) continue;
      for (const m of readFileSync(f, 'utf8').matchAll(/action: '([a-z_]+\.[a-z_]+)'/g)) actions.add(m[1]!);
    }
    // Workflow transitions are audited as `document.<action>`.
    for (const a of Object.keys(TRANSITIONS)) actions.add(`document.${a}`);
    // …and application transitions as `application.<action>`.
    for (const a of Object.keys(APPLICATION_TRANSITIONS)) actions.add(`application.${a}`);
    expect(actions.size).toBeGreaterThan(15);
    const missing = [...actions].filter((a) => !(a in ACTION_LABELS));
    expect(missing).toEqual([]);
  });
});
