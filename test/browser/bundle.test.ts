// The console's JavaScript: nothing from outside, and the heaviest page (entry + its lazy chunk) under 300 KB gzipped.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsole, removeConsoleBuild } from './support.js';

const LIMIT = 300 * 1024;

describe('the built console', { timeout: 120_000 }, () => {
  let dir: string;
  let chunks: { name: string; gz: number; text: string }[];
  beforeAll(async () => {
    dir = await buildConsole();
    chunks = readdirSync(join(dir, 'assets'))
      .filter((f) => f.endsWith('.js'))
      .map((name) => {
        const text = readFileSync(join(dir, 'assets', name), 'utf8');
        return { name, text, gz: gzipSync(text).length };
      });
  }, 120_000);
  afterAll(removeConsoleBuild);

  it('splits the editor and the charts out of the entry', () => {
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    const entry = /src="\/assets\/([^"]+\.js)"/.exec(html)?.[1];
    expect(entry).toBeDefined();
    expect(chunks.some((c) => c.name.startsWith('editor-'))).toBe(true);
    expect(chunks.some((c) => c.name.startsWith('charts-'))).toBe(true);
    // CodeMirror and Chart.js are not in the entry chunk
    const entryText = chunks.find((c) => c.name === entry)!.text;
    expect(entryText).not.toContain('cm-lintRange');
    expect(entryText).not.toContain('Chart.js');
  });

  it('the heaviest page loads under 300 KB of gzipped JavaScript', () => {
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    const entry = /src="\/assets\/([^"]+\.js)"/.exec(html)![1]!;
    const base = chunks.find((c) => c.name === entry)!.gz;
    // a page loads the entry and its own lazy chunk; counting every lazy chunk at once bounds the heaviest page from above
    const lazy = chunks.filter((c) => c.name !== entry);
    const heaviest = base + lazy.reduce((sum, c) => sum + c.gz, 0);
    expect(
      heaviest,
      `entry ${base} B + lazy ${lazy.map((c) => `${c.name} ${c.gz} B`).join(', ')}`,
    ).toBeLessThan(LIMIT);
  });

  it('references nothing outside the service', () => {
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//i);
    for (const c of chunks) expect(c.text, c.name).not.toMatch(/import\s*\(?\s*["'](?:https?:)?\/\//);
    const css = readdirSync(join(dir, 'assets')).filter((f) => f.endsWith('.css'));
    for (const f of css)
      expect(readFileSync(join(dir, 'assets', f), 'utf8')).not.toMatch(/url\(\s*["']?(?:https?:)?\/\//);
  });
});
