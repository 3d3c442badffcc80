/**
 * k-th smallest of `values[0..length)` by quickselect (Hoare partition, middle pivot), reordering
 * the array in place. Deterministic and O(length) on average, with no allocation.
 */
export function selectKth(values: Float64Array, length: number, k: number): number {
  let left = 0;
  let right = length - 1;
  while (left < right) {
    const pivot = values[(left + right) >> 1]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const tmp = values[i]!;
        values[i] = values[j]!;
        values[j] = tmp;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return values[k]!;
  }
  return values[k]!;
}

/** Median of the first `length` values (reorders them). */
export function medianInPlace(values: Float64Array, length: number): number {
  if (length === 0) return Number.NaN;
  const upper = selectKth(values, length, length >> 1);
  if (length % 2 === 1) return upper;
  // The lower middle is the largest of the left part quickselect left behind.
  let lower = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < length >> 1; i++) if (values[i]! > lower) lower = values[i]!;
  return (lower + upper) / 2;
}

/** Median of a plain array of numbers, leaving the input untouched. */
export function median(values: ArrayLike<number>): number {
  const copy = Float64Array.from(values as ArrayLike<number>);
  return medianInPlace(copy, copy.length);
}
