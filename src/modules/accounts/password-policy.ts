/**
 * Password policy for staff accounts, after 等保 2.0 level 3 (GB/T 22239-2019 8.1.4.1 身份鉴别:
 * 口令具有复杂度要求并定期更换): at least 10 characters from at least three of the four classes
 * (upper case, lower case, digits, symbols), not containing the user name, and none of the last 5.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
export const PASSWORD_HISTORY = 5;

export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) problems.push(`长度至少 ${PASSWORD_MIN_LENGTH} 位`);
  if ([...password].length > PASSWORD_MAX_LENGTH) problems.push(`长度不能超过 ${PASSWORD_MAX_LENGTH} 位`);
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) problems.push('须包含大写字母、小写字母、数字、特殊符号中的至少三类');
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('不能包含用户名');
  if (/\s/.test(password)) problems.push('不能包含空格');
  return problems;
}

/** A random initial password that meets the policy; the user must change it at first login. */
export function generateInitialPassword(random: (n: number) => Buffer): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '@#%+=?!'];
  const bytes = random(16);
  const chars = [...bytes].map((b, i) => {
    const set = sets[i % sets.length] as string;
    return set[b % set.length];
  });
  return chars.join('');
}
