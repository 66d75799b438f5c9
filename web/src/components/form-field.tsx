// One labelled form field with its hint and its problem, wired for screen readers, shared by the app's forms (the
// alert form, the agreement-version form): the control gets the field's id and the ARIA that ties it to them.
import type { MouseEvent, ReactNode } from 'react';

/** What a field hands its control: the id the label and the error summary point at, and the ARIA of its state. */
export interface FormControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
  'aria-required': true | undefined;
}

/** A labelled control with its hint (`<id>-hint`) and its problem (`<id>-error`); `requiredLabel` marks it required. */
export function FormField({
  id,
  label,
  hint,
  problem,
  requiredLabel,
  children,
}: {
  id: string;
  label: string;
  hint?: string | undefined;
  problem: ReactNode | undefined;
  requiredLabel?: string | undefined;
  children: (props: FormControlProps) => ReactNode;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = problem ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={problem ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>
        {label} {requiredLabel ? <span className="muted">{requiredLabel}</span> : null}
      </label>
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {problem ? (
        <p className="field-error" id={errorId}>
          {problem}
        </p>
      ) : null}
      {children({ id, 'aria-invalid': problem ? true : undefined, 'aria-describedby': describedBy, 'aria-required': requiredLabel ? true : undefined })}
    </div>
  );
}

/**
 * Moves focus to a field from an error summary's link. A plain #fragment would scroll but leave focus on the link in
 * some browsers, and would change the address.
 */
export function focusFormField(event: MouseEvent<HTMLAnchorElement>, id: string): void {
  event.preventDefault();
  const element = document.getElementById(id);
  element?.focus();
  element?.scrollIntoView?.({ block: 'center' });
}
