import type { City } from './reference.model.ts';

// Codes are GB/T 2260. Each city says where it comes from: named with its code in the domain notes, one of the 30
// cities of the Central Plains City Cluster plan (seeds/002), or added because an inferred monitoring section needs it.

const NOTES = { kind: 'domain-notes', note: 'named with its code in the domain notes' } as const;
const CENTRAL_PLAINS = { kind: 'seed-plans', note: 'one of the 30 cities of the Central Plains City Cluster plan (2016); code per GB/T 2260' } as const;
const BOTH = { kind: 'domain-notes', note: 'named with its code in the domain notes; also a Central Plains City Cluster city' } as const;
const FOR_SECTION = { kind: 'inferred', note: 'not in the notes or plans; added for an inferred Han River basin section; code per GB/T 2260' } as const;

/** Cities the platform knows: those the domain notes name, the Central Plains City Cluster, and those sections need. */
export const CITIES: readonly City[] = [
  { code: '410100', provinceCode: '410000', nameZh: '郑州市', nameEn: 'Zhengzhou', source: BOTH },
  { code: '410200', provinceCode: '410000', nameZh: '开封市', nameEn: 'Kaifeng', source: BOTH },
  { code: '410300', provinceCode: '410000', nameZh: '洛阳市', nameEn: 'Luoyang', source: BOTH },
  { code: '410400', provinceCode: '410000', nameZh: '平顶山市', nameEn: 'Pingdingshan', source: CENTRAL_PLAINS },
  { code: '410500', provinceCode: '410000', nameZh: '安阳市', nameEn: 'Anyang', source: CENTRAL_PLAINS },
  { code: '410600', provinceCode: '410000', nameZh: '鹤壁市', nameEn: 'Hebi', source: CENTRAL_PLAINS },
  { code: '410700', provinceCode: '410000', nameZh: '新乡市', nameEn: 'Xinxiang', source: CENTRAL_PLAINS },
  { code: '410800', provinceCode: '410000', nameZh: '焦作市', nameEn: 'Jiaozuo', source: CENTRAL_PLAINS },
  { code: '410900', provinceCode: '410000', nameZh: '濮阳市', nameEn: 'Puyang', source: BOTH },
  { code: '411000', provinceCode: '410000', nameZh: '许昌市', nameEn: 'Xuchang', source: CENTRAL_PLAINS },
  { code: '411100', provinceCode: '410000', nameZh: '漯河市', nameEn: 'Luohe', source: CENTRAL_PLAINS },
  { code: '411200', provinceCode: '410000', nameZh: '三门峡市', nameEn: 'Sanmenxia', source: BOTH },
  { code: '411300', provinceCode: '410000', nameZh: '南阳市', nameEn: 'Nanyang', source: BOTH },
  { code: '411400', provinceCode: '410000', nameZh: '商丘市', nameEn: 'Shangqiu', source: BOTH },
  { code: '411500', provinceCode: '410000', nameZh: '信阳市', nameEn: 'Xinyang', source: BOTH },
  { code: '411600', provinceCode: '410000', nameZh: '周口市', nameEn: 'Zhoukou', source: CENTRAL_PLAINS },
  { code: '411700', provinceCode: '410000', nameZh: '驻马店市', nameEn: 'Zhumadian', source: CENTRAL_PLAINS },
  { code: '419001', provinceCode: '410000', nameZh: '济源市', nameEn: 'Jiyuan', source: CENTRAL_PLAINS },
  { code: '140400', provinceCode: '140000', nameZh: '长治市', nameEn: 'Changzhi', source: CENTRAL_PLAINS },
  { code: '140500', provinceCode: '140000', nameZh: '晋城市', nameEn: 'Jincheng', source: CENTRAL_PLAINS },
  { code: '140800', provinceCode: '140000', nameZh: '运城市', nameEn: 'Yuncheng', source: BOTH },
  { code: '141000', provinceCode: '140000', nameZh: '临汾市', nameEn: 'Linfen', source: NOTES },
  { code: '610100', provinceCode: '610000', nameZh: '西安市', nameEn: "Xi'an", source: NOTES },
  { code: '610500', provinceCode: '610000', nameZh: '渭南市', nameEn: 'Weinan', source: NOTES },
  { code: '610900', provinceCode: '610000', nameZh: '安康市', nameEn: 'Ankang', source: FOR_SECTION },
  { code: '611000', provinceCode: '610000', nameZh: '商洛市', nameEn: 'Shangluo', source: FOR_SECTION },
  { code: '371500', provinceCode: '370000', nameZh: '聊城市', nameEn: 'Liaocheng', source: BOTH },
  { code: '371700', provinceCode: '370000', nameZh: '菏泽市', nameEn: 'Heze', source: BOTH },
  { code: '130400', provinceCode: '130000', nameZh: '邯郸市', nameEn: 'Handan', source: CENTRAL_PLAINS },
  { code: '130500', provinceCode: '130000', nameZh: '邢台市', nameEn: 'Xingtai', source: CENTRAL_PLAINS },
  { code: '340300', provinceCode: '340000', nameZh: '蚌埠市', nameEn: 'Bengbu', source: CENTRAL_PLAINS },
  { code: '340600', provinceCode: '340000', nameZh: '淮北市', nameEn: 'Huaibei', source: CENTRAL_PLAINS },
  { code: '341200', provinceCode: '340000', nameZh: '阜阳市', nameEn: 'Fuyang', source: CENTRAL_PLAINS },
  { code: '341300', provinceCode: '340000', nameZh: '宿州市', nameEn: 'Suzhou (Anhui)', source: CENTRAL_PLAINS },
  { code: '341600', provinceCode: '340000', nameZh: '亳州市', nameEn: 'Bozhou', source: CENTRAL_PLAINS },
  { code: '420300', provinceCode: '420000', nameZh: '十堰市', nameEn: 'Shiyan', source: FOR_SECTION },
];
