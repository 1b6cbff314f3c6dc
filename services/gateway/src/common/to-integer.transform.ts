import type { TransformFnParams } from 'class-transformer';

/** Query strings carry text: decimal integers become numbers, anything else stays for @IsInt to refuse. */
export function toInteger({ value }: TransformFnParams): unknown {
  return typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : value;
}
