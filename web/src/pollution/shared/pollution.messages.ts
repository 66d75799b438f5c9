// Strings shared by the pollution screens (severity, mode, category…), mounted at `pollution` in both locales.
/** The strings in Chinese (the default). */
export const pollutionZhCN = {
  mode: { ACTUAL: '实际', EXERCISE: '演练' },
};

/** The same strings in English. */
export const pollutionEn: typeof pollutionZhCN = {
  mode: { ACTUAL: 'Actual', EXERCISE: 'Exercise' },
};
