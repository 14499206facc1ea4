#!/usr/bin/env node
// The `atlas` command: runs the TypeScript CLI through tsx with the project's tsconfig (decorators on).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
register({ tsconfig: path.join(root, 'tsconfig.json') });
await import(path.join(root, 'server/cli/main.ts'));
