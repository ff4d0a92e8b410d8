// A module that exports one instance of its class (`export default new
// X()`): a caller's `blobs.has(...)` is BlobStore.has.
import * as fs from 'fs';
import * as path from 'path';

class BlobStore {
  private root = '/var/lib/relay/blobs';

  has(digest: string): boolean {
    return fs.existsSync(path.join(this.root, digest));
  }

  async put(digest: string, data: Buffer): Promise<void> {
    await fs.promises.writeFile(path.join(this.root, digest), data);
  }
}

export default new BlobStore();
