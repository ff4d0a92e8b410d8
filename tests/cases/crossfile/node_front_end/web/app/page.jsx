'use client';
import { useState } from 'react';
import { loadDraft } from '../lib/drafts';

export default function Page() {
  const [text, setText] = useState(loadDraft('today'));
  return <textarea value={text} onChange={(e) => setText(e.target.value)} />;
}
