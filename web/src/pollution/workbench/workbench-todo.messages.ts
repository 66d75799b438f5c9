// The workbench's pollution to-do strings (mounted at `todo` in both locales). English has the same keys: the type
// checker says so.
/** The strings in Chinese (the default). */
export const todoZhCN = {
  alertsTitle: '待本省确认的预警',
  alertsCount: '共 {{count}} 条待确认',
  alertsNone: '没有待本省确认的预警。新预警到达时会实时显示在这里。',
  alertsMore: '查看全部 {{count}} 条待确认预警',
  casesTitle: '进行中的案件',
  casesCount: '共 {{count}} 件未结案',
  casesNone: '本省没有进行中的跨界污染案件。',
  casesMore: '查看全部 {{count}} 件进行中的案件',
  caseParties: '当事省份：{{provinces}}',
  caseOpened: '立案于 {{time}}',
  updatedAlerts: '预警有新变化，已更新待办。',
  updatedCases: '案件有新变化，已更新待办。',
};

/** The strings in English. */
export const todoEn: typeof todoZhCN = {
  alertsTitle: 'Alerts awaiting my province’s acknowledgement',
  alertsCount: '{{count}} awaiting acknowledgement',
  alertsNone: 'No alert awaits my province’s acknowledgement. New alerts appear here as they arrive.',
  alertsMore: 'See all {{count}} alerts awaiting acknowledgement',
  casesTitle: 'Open cases',
  casesCount: '{{count}} not closed',
  casesNone: 'My province has no open cross-boundary pollution case.',
  casesMore: 'See all {{count}} open cases',
  caseParties: 'Parties: {{provinces}}',
  caseOpened: 'Opened {{time}}',
  updatedAlerts: 'Alerts changed; the to-do list is up to date.',
  updatedCases: 'Cases changed; the to-do list is up to date.',
};
