// Prefecture-level cities by their GB/T 2260 code, with the names the section screens show. The gateway gives a
// section's cities as codes only (MonitoringSection.upstreamCities), and an official reads 濮阳市, not 410900; this
// copies the pollution service's reference list (services/pollution/src/domain/reference/cities.data.ts), the
// only cities sections name. A code missing here (a city added to the service later) is shown as its code.
import type { ProvinceNames } from './provinces.ts';

/** The cities the monitoring sections name, by GB/T 2260 code. */
export const CITIES: Readonly<Record<string, ProvinceNames>> = {
  '410100': { zh: '郑州市', en: 'Zhengzhou' },
  '410200': { zh: '开封市', en: 'Kaifeng' },
  '410300': { zh: '洛阳市', en: 'Luoyang' },
  '410400': { zh: '平顶山市', en: 'Pingdingshan' },
  '410500': { zh: '安阳市', en: 'Anyang' },
  '410600': { zh: '鹤壁市', en: 'Hebi' },
  '410700': { zh: '新乡市', en: 'Xinxiang' },
  '410800': { zh: '焦作市', en: 'Jiaozuo' },
  '410900': { zh: '濮阳市', en: 'Puyang' },
  '411000': { zh: '许昌市', en: 'Xuchang' },
  '411100': { zh: '漯河市', en: 'Luohe' },
  '411200': { zh: '三门峡市', en: 'Sanmenxia' },
  '411300': { zh: '南阳市', en: 'Nanyang' },
  '411400': { zh: '商丘市', en: 'Shangqiu' },
  '411500': { zh: '信阳市', en: 'Xinyang' },
  '411600': { zh: '周口市', en: 'Zhoukou' },
  '411700': { zh: '驻马店市', en: 'Zhumadian' },
  '419001': { zh: '济源市', en: 'Jiyuan' },
  '140400': { zh: '长治市', en: 'Changzhi' },
  '140500': { zh: '晋城市', en: 'Jincheng' },
  '140800': { zh: '运城市', en: 'Yuncheng' },
  '141000': { zh: '临汾市', en: 'Linfen' },
  '610100': { zh: '西安市', en: "Xi'an" },
  '610500': { zh: '渭南市', en: 'Weinan' },
  '610900': { zh: '安康市', en: 'Ankang' },
  '611000': { zh: '商洛市', en: 'Shangluo' },
  '371500': { zh: '聊城市', en: 'Liaocheng' },
  '371700': { zh: '菏泽市', en: 'Heze' },
  '130400': { zh: '邯郸市', en: 'Handan' },
  '130500': { zh: '邢台市', en: 'Xingtai' },
  '340300': { zh: '蚌埠市', en: 'Bengbu' },
  '340600': { zh: '淮北市', en: 'Huaibei' },
  '341200': { zh: '阜阳市', en: 'Fuyang' },
  '341300': { zh: '宿州市', en: 'Suzhou (Anhui)' },
  '341600': { zh: '亳州市', en: 'Bozhou' },
  '420300': { zh: '十堰市', en: 'Shiyan' },
};

/** The city's name in the language (Chinese unless English is chosen), or undefined for a code not listed. */
export function cityName(code: string, language: string): string | undefined {
  const names = CITIES[code];
  if (!names) return undefined;
  return language.startsWith('en') ? names.en : names.zh;
}
