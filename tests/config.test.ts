import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configDescriptions, loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('documents every variable in .env.example with the same description as the code', () => {
    const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    for (const [name, description] of Object.entries(configDescriptions)) {
      expect(description, `${name} needs a description`).toBeTruthy();
      expect(example).toContain(`# ${description}\n`);
      expect(example).toMatch(new RegExp(`^#? ?${name}=`, 'm'));
    }
  });

  it('applies defaults and coerces types from the environment', () => {
    const config = loadConfig({ PORT: '8080', MIGRATE_ON_START: 'false' });
    expect(config).toMatchObject({ PORT: 8080, MIGRATE_ON_START: false, SEED_ON_START: 'auto', EMBEDDED_DB_DIR: '.data/pglite' });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('refuses invalid values with a message naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://localhost/db' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ SEED_ON_START: 'sometimes' })).toThrow(/SEED_ON_START/);
    // A bare number would be 8 kB pages to PostgreSQL: a size must say its unit.
    expect(() => loadConfig({ EMBEDDED_DB_SHARED_BUFFERS: '16' })).toThrow(/EMBEDDED_DB_SHARED_BUFFERS/);
    // A heap growth is a whole percentage; 0 leaves V8 its own growth.
    for (const notAPercentage of ['-1', '401', '1.5', 'much']) {
      expect(() => loadConfig({ HEAP_GROWING_PERCENT: notAPercentage }), notAPercentage).toThrow(/HEAP_GROWING_PERCENT/);
    }
    // The default depends on the database: the embedded one's WebAssembly leaves less room.
    expect(loadConfig({}).HEAP_GROWING_PERCENT).toBe(60);
    expect(loadConfig({ DATABASE_URL: 'postgresql://localhost/db' }).HEAP_GROWING_PERCENT).toBe(100);
    expect(loadConfig({ DATABASE_URL: 'postgresql://localhost/db', HEAP_GROWING_PERCENT: '60' }).HEAP_GROWING_PERCENT).toBe(60);
    expect(loadConfig({}).WASM_TIER_UP).toBe(false);
    expect(loadConfig({ WASM_TIER_UP: 'true' }).WASM_TIER_UP).toBe(true);
    expect(loadConfig({ HEAP_GROWING_PERCENT: '0' }).HEAP_GROWING_PERCENT).toBe(0);
    // On a server the heap may grow more while the RSS budget leaves room (src/heap.ts).
    expect(loadConfig({ DATABASE_URL: 'postgresql://localhost/db' })).toMatchObject({ HEAP_ROOMY_GROWING_PERCENT: 200, HEAP_RSS_BUDGET_MB: 270 });
    for (const [name, value] of [['HEAP_ROOMY_GROWING_PERCENT', '401'], ['HEAP_ROOMY_GROWING_PERCENT', '-1'], ['HEAP_RSS_BUDGET_MB', '1.5'], ['HEAP_RSS_BUDGET_MB', 'lots']] as const) {
      expect(() => loadConfig({ [name]: value }), `${name}=${value}`).toThrow(new RegExp(name));
    }
  });

  it('reads CORS origins as a list of exact origins, and never allows credentials with `*`', () => {
    expect(loadConfig({}).CORS_ORIGINS).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: ' https://app.example.org,http://localhost:5173 ' }).CORS_ORIGINS).toEqual([
      'https://app.example.org',
      'http://localhost:5173',
    ]);
    expect(loadConfig({}).CORS_CREDENTIALS).toBe(false);
    for (const notAnOrigin of ['app.example.org', 'https://app.example.org/', 'https://app.example.org/path', 'ftp://files.example.org']) {
      expect(() => loadConfig({ CORS_ORIGINS: notAnOrigin }), notAnOrigin).toThrow(/CORS_ORIGINS/);
    }
    expect(loadConfig({ CORS_ORIGINS: '*' }).CORS_ORIGINS).toEqual(['*']);
    expect(() => loadConfig({ CORS_ORIGINS: '*', CORS_CREDENTIALS: 'true' })).toThrow(/CORS_CREDENTIALS/);
  });
});
