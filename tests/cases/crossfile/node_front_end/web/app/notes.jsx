'use client';
import { useMemo } from 'react';

export function Notes({ notes }) {
  const sorted = useMemo(() => [...notes].sort(), [notes]);
  return <ul>{sorted.map((n) => <li key={n}>{n}</li>)}</ul>;
}
