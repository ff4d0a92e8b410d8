// Quotes come from a cache, one key per symbol, on every portfolio
// request; then the portfolio is valued day by day.
import { Injectable } from '@nestjs/common';

interface Cache {
  get(key: string): Promise<string | null>;
}

interface Repo {
  findOne(id: string): Promise<{ id: string; position: number } | null>;
  save(row: { id: string; position: number }): Promise<void>;
}

class Row {
  constructor(public id: string, public position: number) {}
}

interface Quote {
  symbol: string;
  price: number;
}

@Injectable()
export class QuoteService {
  constructor(private readonly cache: Cache) {}

  async quotes(symbols: string[]): Promise<Quote[]> {
    const out: Quote[] = [];
    for (const symbol of symbols) {
      const hit = await this.cache.get(`quote:${symbol}`); // expect: JS106
      if (hit) out.push(JSON.parse(hit) as Quote);
    }
    return out;
  }

  async reorder(rows: { id: string; position: number }[], repo: Repo): Promise<void> {
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      const existing = await repo.findOne(row.id); // known-miss: JS106 (a counted loop that writes the found row)
      if (existing) {
        existing.position = i;
        await repo.save(existing);
      } else {
        const created = new Row(row.id, i);
        await repo.save(created);
      }
    }
  }

  async valuation(days: string[], holdings: Quote[], rates: Map<string, number>): Promise<number[]> {
    const values: number[] = [];
    for (const day of days) { // known-miss: JS103 (every day of the history times every holding)
      let total = 0;
      for (const h of holdings) {
        total += h.price * (rates.get(`${h.symbol}:${day}`) ?? 1);
      }
      values.push(total);
    }
    return values;
  }
}
