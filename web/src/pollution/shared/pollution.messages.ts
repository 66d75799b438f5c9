// Strings shared by the pollution screens (severity, mode, category…), mounted at `pollution` in both locales.
/** The strings in Chinese (the default). */
export const pollutionZhCN = {
  mode: { ACTUAL: '实际', EXERCISE: '演练' },
  modeLabel: '类型',
  modeSwitch: '查看实际事件或演练',
  exerciseBanner: '演练模式：以下均为演练信息，不是真实事件。',
  // National incident levels (国家突发环境事件分级).
  severity: { I: 'Ⅰ级（特别重大）', II: 'Ⅱ级（重大）', III: 'Ⅲ级（较大）', IV: 'Ⅳ级（一般）' },
  severityShort: { I: 'Ⅰ级', II: 'Ⅱ级', III: 'Ⅲ级', IV: 'Ⅳ级' },
  severityLabel: '事件级别',
  // UNECE IAN message kinds.
  category: { EARLY_WARNING: '预警', INFORMATION: '信息通报', REQUEST_FOR_ASSISTANCE: '请求援助' },
  categoryLabel: '信息类别',
  // CAP msgType.
  // 首报 / 续报: how Chinese emergency reports name the first message and its updates.
  msgType: { ALERT: '首报', UPDATE: '续报', CANCEL: '撤销' },
  escalationStep: { DUTY_ROSTER: '已通报该省值班系统', JOINT_MECHANISM: '已提交联防联控机制' },
  escalationStepShort: { DUTY_ROSTER: '值班升级', JOINT_MECHANISM: '联防联控升级' },
  view: { FULL: '完整信息', SUMMARY: '摘要（部分内容仅对相关生态环境部门可见）' },
  parameter: { COD: '化学需氧量（COD）', CODMn: '高锰酸盐指数（CODMn）', 'NH3-N': '氨氮（NH3-N）', TP: '总磷（TP）', TN: '总氮（TN）', benzene: '苯' },
  unit: { t: '吨', kg: '千克', m3: '立方米', L: '升' },
  section: '{{name}}断面（{{river}}）',
  sectionLabel: '断面',
  nationalControl: '国控',
  // Labels for text quoted in the language the service recorded it in.
  original: { en: '英文原文：', zh: '中文原文：' },
  live: {
    open: '实时更新中',
    reconnecting: '连接中断，正在重新连接…',
    interrupted: '实时更新已中断',
    reconnect: '重新连接',
  },
  duration: {
    days: '{{count}} 天',
    hours: '{{count}} 小时',
    minutes: '{{count}} 分',
    seconds: '{{count}} 秒',
  },
  province: { and: '、' },
  caseState: {
    REPORTED: '已报告',
    UNDER_JOINT_INVESTIGATION: '联合调查中',
    JOINT_ENFORCEMENT: '联合执法中',
    REMEDIATION: '整治修复中',
    IN_MEDIATION: '调解中',
    CLOSED: '已结案',
  },
};

/** The same strings in English. */
export const pollutionEn: typeof pollutionZhCN = {
  mode: { ACTUAL: 'Actual', EXERCISE: 'Exercise' },
  modeLabel: 'Type',
  modeSwitch: 'Show real incidents or exercises',
  exerciseBanner: 'Exercise mode: everything below is a drill, not a real incident.',
  severity: { I: 'Level I (extremely serious)', II: 'Level II (serious)', III: 'Level III (relatively serious)', IV: 'Level IV (general)' },
  severityShort: { I: 'Level I', II: 'Level II', III: 'Level III', IV: 'Level IV' },
  severityLabel: 'Severity',
  category: { EARLY_WARNING: 'Early warning', INFORMATION: 'Information', REQUEST_FOR_ASSISTANCE: 'Request for assistance' },
  categoryLabel: 'Category',
  msgType: { ALERT: 'First report', UPDATE: 'Update', CANCEL: 'Cancellation' },
  escalationStep: { DUTY_ROSTER: 'Sent to the province’s duty roster', JOINT_MECHANISM: 'Referred to the joint mechanism' },
  escalationStepShort: { DUTY_ROSTER: 'Duty roster', JOINT_MECHANISM: 'Joint mechanism' },
  view: { FULL: 'Full record', SUMMARY: 'Summary (some details are for the environmental bureaus concerned only)' },
  parameter: { COD: 'Chemical oxygen demand (COD)', CODMn: 'Permanganate index (CODMn)', 'NH3-N': 'Ammonia nitrogen (NH3-N)', TP: 'Total phosphorus (TP)', TN: 'Total nitrogen (TN)', benzene: 'Benzene' },
  unit: { t: 't', kg: 'kg', m3: 'm³', L: 'L' },
  section: '{{name}} section ({{river}})',
  sectionLabel: 'Section',
  nationalControl: 'National control',
  original: { en: 'Original (English): ', zh: 'Original (Chinese): ' },
  live: {
    open: 'Live',
    reconnecting: 'Connection lost, reconnecting…',
    interrupted: 'Live updates stopped',
    reconnect: 'Reconnect',
  },
  duration: {
    days: '{{count}} d',
    hours: '{{count}} h',
    minutes: '{{count}} min',
    seconds: '{{count}} s',
  },
  province: { and: ', ' },
  caseState: {
    REPORTED: 'Reported',
    UNDER_JOINT_INVESTIGATION: 'Under joint investigation',
    JOINT_ENFORCEMENT: 'Joint enforcement',
    REMEDIATION: 'Remediation',
    IN_MEDIATION: 'In mediation',
    CLOSED: 'Closed',
  },
};
