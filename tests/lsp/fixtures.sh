# Sourced by the editor tests: makes a private workspace in $E2E_WORK with
# a JavaScript, a TypeScript, a TSX and a Python file, and removes it on
# exit. A GIT_DIR or
# GIT_INDEX_FILE inherited from a git hook or `git rebase -x` would point
# the git commands at the repository the tests run from.
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY GIT_COMMON_DIR
E2E_WORK=$(mktemp -d "${TMPDIR:-/tmp}/stackfit-e2e.XXXXXX")
export E2E_WORK
trap 'rm -rf "$E2E_WORK"' EXIT
mkdir -p "$E2E_WORK/src" "$E2E_WORK/svc" "$E2E_WORK/home"
cat >"$E2E_WORK/src/app.js" <<'JS'
const fs = require('fs');
app.get('/', (req, res) => {
  const a = fs.readFileSync('a.txt');
  const s = "😀é"; const b = fs.readFileSync('b.txt');
  res.send(a + b + s);
});
JS
cat >"$E2E_WORK/src/users.controller.ts" <<'TS'
import { Controller, Get, Param } from '@nestjs/common';
import * as fs from 'fs';

@Controller('users')
export class UsersController {
  @Get(':id')
  findOne(@Param('id') id: string): string {
    return fs.readFileSync(`/srv/users/${id}.json`, 'utf8');
  }
}
TS
cat >"$E2E_WORK/src/page.tsx" <<'TSX'
import * as fs from 'fs';
export const page = async (name: string): Promise<JSX.Element> =>
  <main>{fs.readFileSync(name, 'utf8')}</main>;
TSX
cat >"$E2E_WORK/svc/main.py" <<'PY'
import asyncio, time

async def handler():
    time.sleep(1)
PY
