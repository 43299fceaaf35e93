/** Appends `value` to the list at `key`, starting the list if there is none. */
export function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** `items` grouped by key, each group in the order of `items`. */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) addTo(groups, keyOf(item), item);
  return groups;
}

/** A new array of `capacity` values that starts with those of `array`. */
export function grownInt32(array: Int32Array, capacity: number): Int32Array<ArrayBuffer> {
  const larger = new Int32Array(capacity);
  larger.set(array);
  return larger;
}

/** Whether exactly one of `items` passes `test`, counting no further than a second. */
export function exactlyOne<T>(items: Iterable<T>, test: (item: T) => boolean): boolean {
  let found = 0;
  for (const item of items) if (test(item) && ++found > 1) return false;
  return found === 1;
}
