// A scheduled scan over libraries: each pass sets the scanner's current
// library, so the passes must not overlap.
import { Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';

interface Library {
  id: string;
}

@Injectable()
export class LibraryScanner {
  private current: Library | null = null;
  private libraries: Library[] = [];

  constructor(private readonly media: { items(library: string): Promise<string[]> }) {}

  @Cron('0 * * * *')
  async scan(): Promise<void> {
    for (const library of this.libraries) {
      this.current = library;
      const items = await this.media.items(library.id); // ok: each pass sets this.current, which report reads
      this.report(items.length);
    }
    this.current = null;
  }

  private report(n: number): void {
    console.log(`${this.current?.id}: ${n} items`);
  }
}
