// Names of the codes records carry (monitored parameters, quantity units) in the chosen language; a code the locale
// files do not know yet (a newer service) is shown as it is rather than hidden.
import { useTranslation } from 'react-i18next';

/** A function naming a parameter or unit code. */
export function useCodeLabel(): (group: 'parameter' | 'unit', code: string) => string {
  const { t, i18n } = useTranslation();
  return (group, code) => {
    const key = `pollution.${group}.${code}`;
    return i18n.exists(key) ? t(key as 'pollution.unit.t') : code;
  };
}
