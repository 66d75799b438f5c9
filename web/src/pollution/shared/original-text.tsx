// Free text the services record in one language (an agreement's notes, a calculation step's description). A
// sentence in the other language dropped into the page reads as a mistake; labelled as the source's original text,
// it reads as a quotation, and screen readers switch pronunciation on its `lang`.
import { useTranslation } from 'react-i18next';

/** Whether a text is written in Chinese (holds a CJK ideograph). */
export function isChineseText(text: string): boolean {
  return /[\u4e00-\u9fff]/.test(text);
}

/** The text as is when it is in the reader's language, else labelled as the original (英文原文：…). */
export function OriginalText({ text }: { text: string }) {
  const { t, i18n } = useTranslation();
  const chinese = isChineseText(text);
  const readerReadsChinese = !i18n.language.startsWith('en');
  if (chinese === readerReadsChinese) return <>{text}</>;
  return (
    <>
      <span className="original-label">{t(chinese ? 'pollution.original.zh' : 'pollution.original.en')}</span>
      <span lang={chinese ? 'zh-CN' : 'en'}>{text}</span>
    </>
  );
}
