import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { PageMiddleware } from './page.middleware';
import { UsersController } from '../users/users.controller';

@Module({ controllers: [UsersController] })
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer) {
    consumer.apply(PageMiddleware).forRoutes('*');
  }
}
