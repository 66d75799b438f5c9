import { describe, expect, it } from 'vitest';
import { userFromClaims } from '../../src/auth/user.model.ts';
import { sectionsFor } from '../../src/navigation/navigation.model.ts';
import { provinceName } from '../../src/reference/provinces.ts';

const ids = (roles: Parameters<typeof sectionsFor>[0]) => sectionsFor(roles).map((section) => section.id);

describe('navigation by role', () => {
  it('gives each role its sections, with the workbench first and the permissions page last', () => {
    expect(ids(['environment'])).toEqual(['workbench', 'pollution-cases', 'pollution-alerts', 'pollution-sections', 'pollution-compensation', 'me']);
    expect(ids(['liaison'])).toEqual(['workbench', 'pollution-cases', 'meetings', 'me']);
    expect(ids(['medical_insurance'])).toEqual(['workbench', 'medical', 'me']);
    expect(ids(['investment'])).toEqual(['workbench', 'investment', 'me']);
    expect(ids(['observer'])).toEqual(['workbench', 'pollution-cases', 'pollution-alerts', 'pollution-sections', 'pollution-compensation', 'overview', 'me']);
    expect(ids(['admin'])).toEqual(['workbench', 'reference-data', 'me']);
    expect(ids([])).toEqual(['workbench', 'me']);
  });

  it('merges the sections of several roles without repeating one', () => {
    expect(ids(['environment', 'liaison'])).toEqual(['workbench', 'pollution-cases', 'pollution-alerts', 'pollution-sections', 'pollution-compensation', 'meetings', 'me']);
  });
});

describe('userFromClaims', () => {
  it('keeps the platform roles in a fixed order and drops Keycloak defaults', () => {
    const user = userFromClaims({
      sub: 's1',
      preferred_username: 'henan.liaison',
      province: '410000',
      agency: '河南省人民政府办公厅',
      realm_access: { roles: ['offline_access', 'liaison', 'default-roles-xietong', 'environment'] },
    });
    expect(user).toEqual({ subject: 's1', username: 'henan.liaison', province: '410000', agency: '河南省人民政府办公厅', roles: ['liaison', 'environment'] });
  });

  it('survives missing claims', () => {
    expect(userFromClaims(undefined)).toEqual({ subject: '', username: '', province: '', agency: '', roles: [] });
  });
});

describe('provinceName', () => {
  it('names provinces in Chinese by default and in English when chosen; unknown codes stay as they are', () => {
    expect(provinceName('410000', 'zh-CN')).toBe('河南省');
    expect(provinceName('410000', 'en')).toBe('Henan');
    expect(provinceName('000000', 'zh-CN')).toBe('国家');
    expect(provinceName('999999', 'zh-CN')).toBe('999999');
  });
});
