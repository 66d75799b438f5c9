import { describe, expect, it } from 'vitest';
import { createReferenceCatalog, SEED_REFERENCE_DATA, sectionProvinces } from '../../../src/domain/reference/reference.catalog.ts';

const catalog = createReferenceCatalog();

describe('reference data', () => {
  it('lists all 34 province-level divisions with GB/T 2260 codes, once each', () => {
    const { provinces } = SEED_REFERENCE_DATA;
    expect(provinces).toHaveLength(34);
    expect(new Set(provinces.map((p) => p.code)).size).toBe(34);
    for (const p of provinces) expect(p.code).toMatch(/^[1-8]\d0000$/);
    expect(provinces.filter((p) => p.kind === 'municipality').map((p) => p.nameEn)).toEqual(['Beijing', 'Tianjin', 'Shanghai', 'Chongqing']);
    expect(provinces.filter((p) => p.kind === 'special-administrative-region').map((p) => p.code)).toEqual(['810000', '820000']);
    expect(catalog.province('410000')?.nameZh).toBe('河南省');
    expect(catalog.province('610000')?.nameEn).toBe('Shaanxi');
    expect(catalog.province('140000')?.nameEn).toBe('Shanxi');
  });

  it('has every city the domain notes name, under its province, and the 30 Central Plains cities', () => {
    const named: Record<string, string> = {
      '410100': 'Zhengzhou', '410300': 'Luoyang', '410200': 'Kaifeng', '410900': 'Puyang', '411400': 'Shangqiu',
      '411200': 'Sanmenxia', '411300': 'Nanyang', '411500': 'Xinyang', '610100': "Xi'an", '610500': 'Weinan',
      '140800': 'Yuncheng', '141000': 'Linfen', '371700': 'Heze', '371500': 'Liaocheng',
    };
    for (const [code, name] of Object.entries(named)) {
      const city = catalog.city(code);
      expect(city?.nameEn).toBe(name);
      expect(city?.provinceCode).toBe(`${code.slice(0, 2)}0000`);
    }
    expect(SEED_REFERENCE_DATA.cities.filter((c) => c.source.note.includes('Central Plains'))).toHaveLength(30);
  });

  it('has the Liuzhuang and Fenglingdu sections with their provinces from the domain notes', () => {
    const liuzhuang = catalog.section('yellow-liuzhuang');
    expect(liuzhuang).toMatchObject({ nameZh: '刘庄', riverId: 'yellow', upstreamProvinces: ['410000'], downstreamProvinces: ['370000'] });
    expect(liuzhuang?.source.kind).toBe('domain-notes');
    const fenglingdu = catalog.section('yellow-fenglingdu');
    expect(fenglingdu).toMatchObject({ nameEn: 'Fenglingdu Bridge', upstreamProvinces: ['140000', '610000'], downstreamProvinces: ['410000'] });
    expect(sectionProvinces(fenglingdu!)).toEqual(['140000', '610000', '410000']);
  });

  it('marks the Huai and Han sections as inferred, and keeps every reference consistent', () => {
    const rivers = new Set(SEED_REFERENCE_DATA.rivers.map((r) => r.id));
    for (const section of SEED_REFERENCE_DATA.sections) {
      expect(rivers.has(section.riverId)).toBe(true);
      for (const code of [...section.upstreamProvinces, ...section.downstreamProvinces]) expect(catalog.province(code)).toBeDefined();
      for (const code of section.upstreamCities) expect(section.upstreamProvinces).toContain(catalog.city(code)?.provinceCode);
      for (const code of section.downstreamCities) expect(section.downstreamProvinces).toContain(catalog.city(code)?.provinceCode);
      if (!['yellow-liuzhuang', 'yellow-fenglingdu'].includes(section.id)) expect(section.source.kind).toBe('inferred');
    }
    const basins = SEED_REFERENCE_DATA.sections.map((s) => catalog.river(s.riverId)?.basin);
    expect(basins).toContain('huai');
    expect(basins).toContain('yangtze');
  });

  it('refuses reference data with duplicate keys', () => {
    expect(() => createReferenceCatalog({ ...SEED_REFERENCE_DATA, sections: [...SEED_REFERENCE_DATA.sections, SEED_REFERENCE_DATA.sections[0]!] })).toThrow(/duplicate section/);
  });
});
