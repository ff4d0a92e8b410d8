// A middleware class: Nest builds it once when the application is set up
// (its constructor), then runs `use` for every request.
import { Injectable, NestMiddleware } from '@nestjs/common';
import * as fs from 'fs';

@Injectable()
export class PageMiddleware implements NestMiddleware {
  private readonly page: string;

  constructor() {
    this.page = fs.readFileSync('dist/index.html', 'utf8'); // ok: built once, at set-up
  }

  use(req: any, res: any, next: () => void) {
    if (req.path === '/') {
      res.send(this.page);
      return;
    }
    next();
  }
}
