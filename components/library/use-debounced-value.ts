import { useEffect, useState } from 'react';

/** `value`, but only after it has stopped changing for `ms` (search-as-you-type without a query per key). */
export function useDebouncedValue<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}
