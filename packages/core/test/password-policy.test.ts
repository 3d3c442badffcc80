import { PASSWORD_POLICY, passwordProblems, PasswordSchema, validateInput, ValidationError } from '../src';

describe("upstream's password policy", () => {
  it('accepts 8+ characters with upper, lower, digit and special', () => {
    expect(passwordProblems('Abcdef1!')).toEqual([]);
    expect(passwordProblems(`A1!${'a'.repeat(PASSWORD_POLICY.maxLength - 3)}`)).toEqual([]);
  });

  it('names every broken rule', () => {
    expect(passwordProblems('abc')).toEqual([
      'must be at least 8 characters',
      'must contain an upper-case letter',
      'must contain a digit',
      'must contain a special character',
    ]);
    expect(passwordProblems('ABCDEFG1!')).toEqual(['must contain a lower-case letter']);
    expect(passwordProblems(`Aa1!${'x'.repeat(PASSWORD_POLICY.maxLength)}`)).toEqual([`must be at most ${PASSWORD_POLICY.maxLength} characters`]);
  });

  it('fails as a ValidationError on the password field that never quotes the password', () => {
    const error = (() => {
      try {
        validateInput(PasswordSchema, 'hunter2', 'password');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.message)).toContain('must contain a special character');
    expect(JSON.stringify(error)).not.toContain('hunter2');
    expect((error as Error).message).not.toContain('hunter2');
  });
});
