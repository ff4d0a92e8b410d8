// The front end's sources in the repository's first-level client/ folder.
export async function loadHistory(socket, channels) {
  for (const channel of channels) {
    await socket.emitWithAck('history', channel); // ok: browser code
  }
}
