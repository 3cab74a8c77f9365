/**
 * FINESS numbers: 9 characters, the first two the département (2A/2B for Corsica), the 9th a Luhn key computed over
 * all 9 characters once "2A" reads "21" and "2B" reads "22".
 */
export type FinessCheck =
  | { readonly valid: true; readonly value: string; readonly formatted: string }
  | { readonly valid: false; readonly value: string; readonly reason: 'format' | 'key' };

const SHAPE = /^(\d{2}|2A|2B)\d{7}$/;

function luhnSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum;
}

/** "010780914" → "01 078 091 4", the way the FINESS site displays it. */
export function formatFiness(value: string): string {
  return `${value.slice(0, 2)} ${value.slice(2, 5)} ${value.slice(5, 8)} ${value.slice(8)}`;
}

/** Checks a FINESS number typed with or without spaces, dots or dashes. */
export function checkFiness(input: string): FinessCheck {
  const value = input.replace(/[\s.-]/g, '').toUpperCase();
  if (!SHAPE.test(value)) return { valid: false, value, reason: 'format' };
  const digits = value.replace(/^2A/, '21').replace(/^2B/, '22');
  if (luhnSum(digits) % 10 !== 0) return { valid: false, value, reason: 'key' };
  return { valid: true, value, formatted: formatFiness(value) };
}
