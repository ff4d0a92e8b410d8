import { readFileSync } from 'node:fs';

const ignores = readFileSync('.eslintignore', 'utf8').split('\n').filter(Boolean); // ok: config file

export default [
  { ignores },
  { rules: { 'no-sync': ['error', { allowAtRootLevel: true }] } },
  { plugins: { local: { rules: { x: { create: () => ({ Program: () => readFileSync('x') }) } } } } }, // ok: config file
];
