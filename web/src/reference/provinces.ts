// Provincial-level divisions by their GB/T 2260 code, as tokens carry them (`province` claim), with the Chinese and
// English names the header shows. 000000 stands for national bodies (ministries, the audit office, the platform).

/** A province's names. */
export interface ProvinceNames {
  zh: string;
  en: string;
}

/** Every provincial-level division of GB/T 2260, and 000000 for national bodies. */
export const PROVINCES: Readonly<Record<string, ProvinceNames>> = {
  '000000': { zh: '国家', en: 'National' },
  '110000': { zh: '北京市', en: 'Beijing' },
  '120000': { zh: '天津市', en: 'Tianjin' },
  '130000': { zh: '河北省', en: 'Hebei' },
  '140000': { zh: '山西省', en: 'Shanxi' },
  '150000': { zh: '内蒙古自治区', en: 'Inner Mongolia' },
  '210000': { zh: '辽宁省', en: 'Liaoning' },
  '220000': { zh: '吉林省', en: 'Jilin' },
  '230000': { zh: '黑龙江省', en: 'Heilongjiang' },
  '310000': { zh: '上海市', en: 'Shanghai' },
  '320000': { zh: '江苏省', en: 'Jiangsu' },
  '330000': { zh: '浙江省', en: 'Zhejiang' },
  '340000': { zh: '安徽省', en: 'Anhui' },
  '350000': { zh: '福建省', en: 'Fujian' },
  '360000': { zh: '江西省', en: 'Jiangxi' },
  '370000': { zh: '山东省', en: 'Shandong' },
  '410000': { zh: '河南省', en: 'Henan' },
  '420000': { zh: '湖北省', en: 'Hubei' },
  '430000': { zh: '湖南省', en: 'Hunan' },
  '440000': { zh: '广东省', en: 'Guangdong' },
  '450000': { zh: '广西壮族自治区', en: 'Guangxi' },
  '460000': { zh: '海南省', en: 'Hainan' },
  '500000': { zh: '重庆市', en: 'Chongqing' },
  '510000': { zh: '四川省', en: 'Sichuan' },
  '520000': { zh: '贵州省', en: 'Guizhou' },
  '530000': { zh: '云南省', en: 'Yunnan' },
  '540000': { zh: '西藏自治区', en: 'Tibet' },
  '610000': { zh: '陕西省', en: 'Shaanxi' },
  '620000': { zh: '甘肃省', en: 'Gansu' },
  '630000': { zh: '青海省', en: 'Qinghai' },
  '640000': { zh: '宁夏回族自治区', en: 'Ningxia' },
  '650000': { zh: '新疆维吾尔自治区', en: 'Xinjiang' },
  '710000': { zh: '台湾省', en: 'Taiwan' },
  '810000': { zh: '香港特别行政区', en: 'Hong Kong' },
  '820000': { zh: '澳门特别行政区', en: 'Macao' },
};

/** The province's name in the language (Chinese unless English is chosen); an unknown code is shown as is. */
export function provinceName(code: string, language: string): string {
  const names = PROVINCES[code];
  if (!names) return code;
  return language.startsWith('en') ? names.en : names.zh;
}
