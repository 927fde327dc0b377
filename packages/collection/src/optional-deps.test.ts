import { describe, expect, it } from 'vitest';
import { dynamicVariable } from './dynamic-variables.ts';
import { getFaker, registerOptionalDependencies } from './optional-deps.ts';

describe('optional dependencies', () => {
  it('loads faker through the registered loader on first use, once', async () => {
    let loads = 0;
    const faker = (await import('@faker-js/faker/locale/en.js')) as { default?: unknown };
    registerOptionalDependencies({
      faker: () => {
        loads += 1;
        return faker;
      },
    });
    expect(loads).toBe(0);
    expect(dynamicVariable('$randomFirstName')).toMatch(/^\S+$/);
    expect(dynamicVariable('$randomLastName')).toMatch(/^\S+/);
    expect(getFaker().name).toBeDefined();
    expect(loads).toBe(1);
  });
});
