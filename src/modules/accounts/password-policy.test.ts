import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateInitialPassword, passwordProblems } from './password-policy.js';

describe('passwordProblems (等保 level 3 policy)', () => {
  it.each([
    ['Abcdefgh1!', []],
    ['abcdefgh12', ['须包含大写字母、小写字母、数字、特殊符号中的至少三类']],
    ['Abc1!', ['长度至少 10 位']],
    ['ABCDEFGH1!', []],
    ['abcdefgh1!', []],
    ['abcdefghij', ['须包含大写字母、小写字母、数字、特殊符号中的至少三类']],
    ['Zhangsan-2026', ['不能包含用户名']],
    ['Abc defgh1!', ['不能包含空格']],
  ])('%s', (pw, expected) => {
    expect(passwordProblems(pw, 'zhangsan')).toEqual(expected);
  });

  it('counts characters, not bytes', () => {
    expect(passwordProblems('密码密码密码密码A1', 'u')).toEqual([]);
    expect(passwordProblems('密码密码A1', 'u')).toContain('长度至少 10 位');
  });

  it('generates initial passwords that always meet the policy', () => {
    for (let i = 0; i < 200; i++)
      expect(passwordProblems(generateInitialPassword(randomBytes), 'someone')).toEqual([]);
  });
});
