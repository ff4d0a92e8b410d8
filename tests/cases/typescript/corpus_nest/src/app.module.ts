import { Module } from '@nestjs/common';
import { KeyService } from './auth/key.service';
import { KeyStrategy } from './auth/key.strategy';
import { QuoteService } from './quotes/quote.service';
import { LibraryScanner } from './library/scanner';

@Module({ providers: [KeyService, KeyStrategy, QuoteService, LibraryScanner] })
export class AppModule {}
