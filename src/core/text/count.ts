/** `n` with the noun in the number it needs: "1 problem", "3 problems", "2 entries". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
