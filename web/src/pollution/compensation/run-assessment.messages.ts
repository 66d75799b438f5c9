// The run-assessment panel's strings (mounted at `runAssessment` in both locales). English has the same keys: the
// type checker says so.
/** The strings in Chinese (the default). */
export const runAssessmentZhCN = {
  title: '核算一期补偿',
  body: '按本协议在该期间有效的版本，用已上报的监测数据计算谁向谁支付多少。相同输入得到相同结果；结果向协议各方公布。',
  kind: '核算期间',
  annual: '年度',
  monthly: '月度',
  year: '年份',
  month: '月份',
  monthOption: '{{month}} 月',
  official: '采用官方公布的水质类别（替代由监测均值判定的类别）',
  officialClass: '官方公布的类别',
  officialSource: '公布来源',
  officialSourceHint: '如：生态环境部 2025 年国家地表水考核断面水质公报。',
  sourceRequired: '请填写公布来源。',
  submit: '开始核算',
  pending: '正在核算…',
  done: '核算完成：',
  reused: '相同输入的核算结果已存在，未重复计算：',
  open: '查看 {{period}} 考核结果',
  failed: '未能核算：{{reason}}',
  problems: '未能核算，原因如下：',
};

/** The strings in English. */
export const runAssessmentEn: typeof runAssessmentZhCN = {
  title: 'Assess a period',
  body: 'Computes who pays whom for a period from the readings on record, with the version of this agreement in force then. The same inputs give the same result; it is published to the agreement’s parties.',
  kind: 'Period',
  annual: 'Annual',
  monthly: 'Monthly',
  year: 'Year',
  month: 'Month',
  monthOption: 'Month {{month}}',
  official: 'Use the officially published water class (instead of the class judged from the means)',
  officialClass: 'Published class',
  officialSource: 'Published by',
  officialSourceHint: 'e.g. the ministry’s 2025 bulletin of national surface-water assessment sections.',
  sourceRequired: 'Say where the class was published.',
  submit: 'Assess',
  pending: 'Assessing…',
  done: 'Assessed:',
  reused: 'An assessment of the same inputs exists and was not computed again:',
  open: 'Open the {{period}} assessment',
  failed: 'The period could not be assessed: {{reason}}',
  problems: 'The period could not be assessed:',
};
