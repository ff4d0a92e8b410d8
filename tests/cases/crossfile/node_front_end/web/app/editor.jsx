'use client';
import { useEffect } from 'react';
import { saveDraft } from '../lib/drafts';
import { settle } from '../lib/timing';

export function Editor({ name, text }) {
  useEffect(() => {
    settle(16);
    saveDraft(name, text);
  }, [name, text]);
  return <pre>{text}</pre>;
}
