import type { River } from './reference.model.ts';

/** Rivers with cross-boundary sections here: the three the plans name (黄河, 淮河, 汉江) and two tributaries. */
export const RIVERS: readonly River[] = [
  {
    id: 'yellow',
    nameZh: '黄河',
    nameEn: 'Yellow River',
    basin: 'yellow',
    source: { kind: 'domain-notes', note: 'Liuzhuang and Fenglingdu compensation sections are on it' },
  },
  {
    id: 'huai',
    nameZh: '淮河',
    nameEn: 'Huai River',
    basin: 'huai',
    source: { kind: 'seed-plans', note: 'Huai River ecological economic belt; Henan–Jiangsu–Shandong upstream/downstream water-pollution framework agreement (seeds/000)' },
  },
  {
    id: 'shaying',
    nameZh: '沙颍河',
    nameEn: 'Shaying River',
    basin: 'huai',
    tributaryOf: 'huai',
    source: { kind: 'seed-plans', note: 'named as a Huai tributary waterway and river to treat in both plans' },
  },
  {
    id: 'han',
    nameZh: '汉江',
    nameEn: 'Han River',
    basin: 'yangtze',
    source: { kind: 'seed-plans', note: 'Han River ecological economic belt (Henan, Hubei, Shaanxi), seeds/000' },
  },
  {
    id: 'dan',
    nameZh: '丹江',
    nameEn: 'Dan River',
    basin: 'yangtze',
    tributaryOf: 'han',
    source: { kind: 'seed-plans', note: 'Danjiangkou reservoir protection and 丹江 wetlands in seeds/000; flows Shaanxi → Henan into the reservoir' },
  },
];
