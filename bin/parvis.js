#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so the same sources serve development and production.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli.ts');
