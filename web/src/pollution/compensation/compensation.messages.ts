// The compensation screens' strings (mounted at `compensation` in both locales). English has the same keys: the type checker says so.
/** The strings in Chinese (the default). */
export const compensationZhCN = {
  title: '生态补偿',
};

/** The same strings in English. */
export const compensationEn: typeof compensationZhCN = {
  title: 'Ecological compensation',
};
