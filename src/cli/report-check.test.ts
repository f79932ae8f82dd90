import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildReport, shanghaiFigures } from '../modules/annual-reports/fixtures/build.js';
import { toReportJson } from '../modules/annual-reports/report.json.js';
import { reportCommand, runReportCheck } from './report-check.js';

/** `gongkai report check`: in process (output and exit code of each case) and once through bin/gongkai.js. */

const dir = mkdtempSync(path.join(tmpdir(), 'gk-report-check-'));
const example = path.resolve('src/modules/annual-reports/fixtures/example-2025.json');
let n = 0;

function file(content: unknown): string {
  n += 1;
  const f = path.join(dir, `report-${n}.json`);
  writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return f;
}

const exampleJson = () => JSON.parse(readFileSync(example, 'utf8')) as Record<string, unknown>;
/** The example with 三(七)总计 × 自然人 changed from 767 to 768. */
function broken(): Record<string, unknown> {
  const json = exampleJson();
  const total = (json.三 as { rows: Record<string, unknown>[] }).rows.find((r) => r.row === '（七）总计')!;
  total.自然人 = 768;
  return json;
}
const lastYear = (forward: Record<string, number>) =>
  toReportJson(buildReport({ ...shanghaiFigures(2024), carriedForward: forward }));

describe('runReportCheck', () => {
  it('passes the example report and says the carry-over was not checked', async () => {
    expect(await runReportCheck(example)).toEqual({
      code: 0,
      stdout:
        '年度报告核对：2025 年度 某市规划和自然资源局\n通过：未发现问题\n未核对上年结转：没有上一年度的报告（可用 --previous 指定上一年度报告）\n',
      stderr: '',
    });
  });

  it('checks the carry-over against --previous', async () => {
    const ok = await runReportCheck(example, { previous: file(lastYear({ person: 18 })) });
    expect(ok).toEqual({
      code: 0,
      stdout: '年度报告核对：2025 年度 某市规划和自然资源局\n通过：未发现问题\n',
      stderr: '',
    });
    const differs = await runReportCheck(example, { previous: file(lastYear({ person: 20 })) });
    expect(differs.code).toBe(1);
    expect(differs.stdout.split('\n').slice(1, 4)).toEqual([
      '发现 2 处问题：',
      '  1. 三、二、上年结转政府信息公开申请数量“自然人”列为 18（2025 年度），但 2024 年度报告的四、结转下年度继续办理为 20，两者应相等（I5）',
      '  2. 三、二、上年结转政府信息公开申请数量“总计”列为 18（2025 年度），但 2024 年度报告的四、结转下年度继续办理为 20，两者应相等（I5）',
    ]);
  });

  it('lists each violation on its own line and exits 1', async () => {
    const r = await runReportCheck(file(broken()));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        '年度报告核对：2025 年度 某市规划和自然资源局',
        '发现 3 处问题：',
        '  1. 三、“自然人”列：第一项加第二项之和为 839（821 + 18），但第三项（七）总计加第四项之和为 840（768 + 72），两者应相等（I1）',
        '  2. 三、第（七）总计行“自然人”列为 768，但 21 个办理结果分项之和为 767（I2）',
        '  3. 三、（七）总计：“总计”列为 805，但自然人与五类法人或其他组织之和为 806（768 + 35 + 0 + 0 + 2 + 1）（I3）',
        '未核对上年结转：没有上一年度的报告（可用 --previous 指定上一年度报告）',
        '',
      ].join('\n'),
    );
  });

  it('prints {ok, violations, carryOverChecked, notes} with --json', async () => {
    const r = await runReportCheck(file(broken()), { json: true });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['ok', 'violations', 'carryOverChecked', 'notes']);
    expect(out.ok).toBe(false);
    expect(out.carryOverChecked).toBe(false);
    expect(out.violations.map((v: { code: string }) => v.code)).toEqual(['I1', 'I2', 'I3']);
    expect(out.violations[1]).toMatchObject({ expected: 767, actual: 768 });
    const passing = JSON.parse((await runReportCheck(example, { json: true })).stdout);
    expect(passing).toEqual({ ok: true, violations: [], carryOverChecked: false, notes: [] });
  });

  it('mentions cells read as 0', async () => {
    const json = exampleJson();
    (json.四 as { rows: Record<string, unknown>[] }).rows[2]!.尚未审结 = null;
    const r = await runReportCheck(file(json));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('说明：四、行政诉讼（复议后起诉）：“尚未审结”未填，按 0 计');
  });

  it('exits 2 with Chinese errors on stderr when a file cannot be read or parsed', async () => {
    const missing = await runReportCheck(path.join(dir, 'nope.json'));
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toContain('nope.json：文件不存在或不可读');

    const notJson = await runReportCheck(file('{"year": 2025,'));
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/^报告 .*：不是有效的 JSON/);

    const bad = file({ ...exampleJson(), year: 'abc', agency: '' });
    const invalid = await runReportCheck(bad);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr.trim().split('\n')).toEqual([
      `报告 ${bad}：年度（year）：应为 2008 至 2100 之间的整数年份，收到“abc”`,
      `报告 ${bad}：报告机关（agency）：必填，如“某市规划和自然资源局”`,
    ]);

    const previous = await runReportCheck(example, { previous: file({ year: 2024 }) });
    expect(previous.code).toBe(2);
    expect(previous.stderr).toContain('上年报告 ');
    expect(previous.stderr).toContain('报告机关（agency）：必填');
  });
});

describe('reportCommand', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prints the usage and exits 2 without a sub-command or file', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await reportCommand([], {})).toBe(2);
    expect(await reportCommand(['check'], {})).toBe(2);
    expect(await reportCommand(['verify', example], {})).toBe(2);
    expect(await reportCommand(['check', example], { previous: true as unknown as string })).toBe(2);
    expect(error.mock.calls[0]![0]).toContain('用法：gongkai report check <报告.json>');
  });

  it('writes the output and returns the exit code', async () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    expect(await reportCommand(['check', example], {})).toBe(0);
    expect(String(write.mock.calls[0]![0])).toContain('通过：未发现问题');
  });
});

describe('gongkai report check (bin/gongkai.js)', () => {
  const run = promisify(execFile);
  async function gongkai(args: string[], env: Record<string, string>) {
    // Vitest puts Vite's BASE_URL='/' into process.env: hand the CLI a clean environment.
    const { BASE_URL: _vite, ...inherited } = process.env;
    try {
      const r = await run(process.execPath, [path.resolve('bin/gongkai.js'), ...args], {
        env: { ...inherited, ...env },
        timeout: 60_000,
      });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
  }

  it('checks a file without configuration or database, and exits 1 on violations', async () => {
    // A bad PORT and an unreachable database: neither is read. DATA_DIR is never created.
    const dataDir = path.join(dir, 'never-created');
    const env = { PORT: 'abc', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', DATA_DIR: dataDir };
    const r = await gongkai(['report', 'check', file(broken())], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      '年度报告核对：2025 年度 某市规划和自然资源局\n发现 3 处问题：\n  1. 三、“自然人”列',
    );
    expect(existsSync(dataDir)).toBe(false);
    const help = await gongkai(['--help'], env);
    expect(help.stdout).toContain('report check <报告.json> [--previous <上年报告.json>] [--json]');
  }, 120_000);
});
