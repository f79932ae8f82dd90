#!/usr/bin/env node
// The gongkai command. TypeScript sources run through tsx's loader (docs/adr/0007-runtime.md).
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
