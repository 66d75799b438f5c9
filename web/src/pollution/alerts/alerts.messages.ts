// The alerts screens' strings (mounted at `alerts` in both locales). English has the same keys: the type checker says so.
/** The strings in Chinese (the default). */
export const alertsZhCN = {
  title: '污染预警',
};

/** The same strings in English. */
export const alertsEn: typeof alertsZhCN = {
  title: 'Pollution alerts',
};
