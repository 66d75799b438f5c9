// Chinese renderings of the monitoring sections' source notes. The pollution service records each note once, in
// English (services/pollution/src/domain/reference/sections.data.ts), and the gateway passes it on as it is; a
// Chinese reader gets this rendering only while the service's note is exactly the text it was made from, so a note
// corrected in the service is never shown with an outdated translation (the page shows it as the original instead).

/** A note as the service words it, and its Chinese rendering. */
export interface TranslatedNote {
  original: string;
  zh: string;
}

/** The sections' notes by section code. */
export const SECTION_NOTES_ZH: Readonly<Record<string, TranslatedNote>> = {
  'yellow-liuzhuang': {
    original:
      'national control section of the Henan–Shandong Yellow River compensation agreements (Henan upstream, Shandong downstream). Inferred: cities Puyang (upstream) and Heze (downstream); target class III (the agreement baseline).',
    zh: '豫鲁两省黄河流域横向生态补偿协议的国控断面（河南在上游，山东在下游）。推定内容：上游城市为濮阳，下游城市为菏泽；水质目标为Ⅲ类（协议基准）。',
  },
  'yellow-fenglingdu': {
    original:
      'national control section of the Henan–Shanxi–Shaanxi agreement (Shanxi and Shaanxi joint upstream, Henan downstream). Inferred: cities Yuncheng and Weinan (upstream), Sanmenxia (downstream), all Golden Triangle cities in the notes; target class III (the agreement baseline of Class II is a payment threshold, not the section target).',
    zh: '豫晋陕三省协议的国控断面（山西、陕西共同在上游，河南在下游）。推定内容：上游城市为运城、渭南，下游城市为三门峡，均为资料所列“金三角”城市；水质目标为Ⅲ类（协议中的Ⅱ类基准是补偿支付的门槛，不是断面的水质目标）。',
  },
  'huai-wangjiaba': {
    original:
      'inferred: the Huai main stem leaves Henan (Xinyang) for Anhui (Fuyang) at Wangjiaba; both provinces are Huai River ecological economic belt members. Confirm section name, control level and target class.',
    zh: '推定：淮河干流在王家坝由河南（信阳）流入安徽（阜阳）；两省均为淮河生态经济带成员。断面名称、管控级别和水质目标待确认。',
  },
  'shaying-jieshou': {
    original:
      'inferred: the Shaying River crosses from Zhoukou (Henan) to Jieshou in Fuyang (Anhui). Confirm section name, control level and target class.',
    zh: '推定：沙颍河由河南周口流入安徽阜阳市界首。断面名称、管控级别和水质目标待确认。',
  },
  'han-yangwei': {
    original:
      'inferred: the Han River leaves Shaanxi (Ankang) for Hubei (Shiyan) at Yangwei, above the Danjiangkou reservoir; both are Han River ecological economic belt members. Target class II assumed for the water source of the South-to-North diversion. Confirm.',
    zh: '推定：汉江在丹江口水库上游的羊尾由陕西（安康）流入湖北（十堰）；两省均为汉江生态经济带成员。按南水北调水源地暂定水质目标为Ⅱ类，待确认。',
  },
  'dan-jingziguan': {
    original:
      'inferred: the Dan River enters Henan (Xichuan, Nanyang) from Shaanxi (Shangluo) at Jingziguan on its way to the Danjiangkou reservoir; Han River belt members. Target class II assumed for the diversion water source. Confirm.',
    zh: '推定：丹江在荆紫关由陕西（商洛）流入河南（南阳淅川），汇入丹江口水库；两省均为汉江生态经济带成员。按南水北调水源地暂定水质目标为Ⅱ类，待确认。',
  },
};

/** The Chinese rendering of a section's note, when the note is the one it was made from. */
export function sectionNoteZh(sectionCode: string, note: string): string | undefined {
  const entry = SECTION_NOTES_ZH[sectionCode];
  return entry && entry.original === note.trim() ? entry.zh : undefined;
}
