/** GB/T 2260 province-level code: two digits then "0000"; "000000" stands for national bodies. */
export const PROVINCE_CODE_PATTERN = /^[0-9]{2}0000$/;

/** The code national bodies (ministries, the audit office) carry instead of a province. */
export const NATIONAL_PROVINCE_CODE = '000000';

/** Tells whether a value is a province-level GB/T 2260 code (or the national code). */
export function isProvinceCode(value: unknown): value is string {
  return typeof value === 'string' && PROVINCE_CODE_PATTERN.test(value);
}
