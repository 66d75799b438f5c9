// The cases screens' strings (mounted at `cases` in both locales). English has the same keys: the type checker says so.
/** The strings in Chinese (the default). */
export const casesZhCN = {
  title: '污染案件',
};

/** The same strings in English. */
export const casesEn: typeof casesZhCN = {
  title: 'Pollution cases',
};
