// The sections screens' strings (mounted at `sections` in both locales). English has the same keys: the type checker says so.
/** The strings in Chinese (the default). */
export const sectionsZhCN = {
  title: '监测断面',
};

/** The same strings in English. */
export const sectionsEn: typeof sectionsZhCN = {
  title: 'Monitoring sections',
};
