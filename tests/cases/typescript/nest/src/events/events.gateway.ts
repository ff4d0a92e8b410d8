// A NestJS WebSocket gateway and scheduled jobs: `@SubscribeMessage`
// handlers run for each message, `@Cron` and `@Interval` jobs on each
// tick, all on the event loop.
import { MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { Cron, Interval } from '@nestjs/schedule';
import * as fs from 'fs';
import * as zlib from 'zlib';

@WebSocketGateway()
export class EventsGateway {
  @SubscribeMessage('history')
  history(@MessageBody() room: string): string {
    return fs.readFileSync(`/srv/rooms/${room}.log`, 'utf8'); // expect: JS101
  }

  @SubscribeMessage('ping')
  ping(): string {
    return 'pong'; // ok: nothing blocks
  }
}

export class Maintenance {
  @Cron('0 * * * *')
  compact(): void {
    const data = fs.readFileSync('/srv/state.json'); // expect: JS101
    fs.writeFileSync('/srv/state.json.gz', zlib.gzipSync(data)); // expect: JS101,JS101
  }

  @Interval(60_000)
  async heartbeat(): Promise<void> {
    fs.appendFileSync('/srv/heartbeat', `${Date.now()}\n`); // expect: JS101
  }

  @Deprecated()
  // A decorator that is no handler's: the method stays plain.
  rotate(): void {
    fs.renameSync('/srv/a', '/srv/b'); // ok: not registered
  }
}

function Deprecated(): MethodDecorator {
  return () => undefined;
}
