import { allNotes } from '../../lib/notes';

export default async function NotesPage() {
  const notes = await allNotes();
  return (
    <ul>
      {notes.map((n, i) => (
        <li key={i}>{n}</li>
      ))}
    </ul>
  );
}
