// A NestJS controller: methods with a route decorator are request
// handlers, run on the event loop whether or not they are async. The
// service comes in through the constructor (dependency injection), typed,
// so `this.users.findAll()` is UsersService.findAll in the other file.
import { Controller, Delete, Get, Param, Post, Body } from '@nestjs/common';
import { readFileSync, writeFileSync } from 'node:fs';
import { UsersService, User } from './users.service';

@Controller('users')
export class UsersController {
  private readonly banner: string = readFileSync('banner.txt', 'utf8'); // ok: built when Nest constructs the controller

  constructor(private readonly users: UsersService) {}

  @Get()
  findAll(): User[] {
    return this.users.findAll(); // expect: JS107
  }

  @Get(':id')
  async findOne(@Param('id') id: string): Promise<User> {
    return this.users.findOne(id); // expect: JS107
  }

  @Post()
  create(@Body() user: User): User {
    writeFileSync(`/srv/users/${user.id}.json`, JSON.stringify(user)); // expect: JS101
    return user;
  }

  @Delete(':id')
  async remove(@Param('id') id: string): Promise<void> {
    await this.users.remove(id); // ok: async all the way
  }

  // Not a route: nothing registers it, and nothing here calls it.
  exportAll(): void {
    writeFileSync('/tmp/users.json', JSON.stringify(this.users.findAll())); // ok: not a handler
  }
}
