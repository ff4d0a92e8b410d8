import { Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { HeaderAPIKeyStrategy } from 'passport-headerapikey';
import { KeyService } from './key.service';

@Injectable()
export class KeyStrategy extends PassportStrategy(HeaderAPIKeyStrategy, 'api-key') {
  constructor(private readonly keys: KeyService) {
    super({ header: 'x-api-key' }, false);
  }

  async validate(key: string): Promise<string> {
    const owner = await this.keys.ownerOf(key); // ok: ownerOf is async; its own call is reported
    if (!owner) throw new UnauthorizedException();
    return owner;
  }
}
