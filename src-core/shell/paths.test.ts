import { describe, expect, it } from 'vitest';
import { extensionOf, resolveSafePath, splitTarget } from './paths';
import { NORMAL_PATHS, traversalCorpus } from './traversal-corpus';

describe('resolveSafePath', () => {
  const corpus = traversalCorpus();

  it('has a corpus of several hundred hostile paths', () => {
    expect(corpus.length).toBeGreaterThan(300);
  });

  it.each(corpus.map((p) => [JSON.stringify(p).slice(0, 120), p] as const))('rejects %s', (_label, p) => {
    const r = resolveSafePath(p);
    expect(r.ok, `accepted ${JSON.stringify(p)} as ${r.ok ? JSON.stringify(r.path) : ''}`).toBe(false);
  });

  it.each(NORMAL_PATHS)('accepts %s', (p) => {
    const r = resolveSafePath(p);
    expect(r.ok).toBe(true);
  });

  it('decodes and returns a relative POSIX path', () => {
    expect(resolveSafePath('/')).toEqual({ ok: true, path: '', dir: true });
    expect(resolveSafePath('/index.html')).toEqual({ ok: true, path: 'index.html', dir: false });
    expect(resolveSafePath('/assets/a%20b.js')).toEqual({ ok: true, path: 'assets/a b.js', dir: false });
    expect(resolveSafePath('/%E5%9F%8E%E5%B8%82.json')).toEqual({ ok: true, path: '城市.json', dir: false });
    expect(resolveSafePath('/linyi/overview/')).toEqual({ ok: true, path: 'linyi/overview', dir: true });
  });

  it('never returns a path that could leave the root, whatever the input', () => {
    // random junk built from the dangerous alphabet
    const alphabet = ['.', '/', '\\', '%', '2', 'e', 'E', 'f', '5', 'c', ':', 'a', '0', '\u0000', '..', '%2e', '%2f', '%5c'];
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let i = 0; i < 5000; i++) {
      let p = '/';
      const n = 1 + Math.floor(rnd() * 12);
      for (let j = 0; j < n; j++) p += alphabet[Math.floor(rnd() * alphabet.length)];
      const r = resolveSafePath(p);
      if (!r.ok) continue;
      for (const seg of r.path.split('/')) {
        if (r.path === '') break;
        expect(seg).not.toBe('');
        expect(seg.startsWith('.')).toBe(false);
        expect(seg).not.toMatch(/[\\/:\u0000%]/);
      }
    }
  });
});

describe('splitTarget / extensionOf', () => {
  it('splits query and fragment without decoding', () => {
    expect(splitTarget('/a%2f?x=1#h')).toEqual({ pathname: '/a%2f', search: '?x=1' });
    expect(splitTarget('/index.html')).toEqual({ pathname: '/index.html', search: '' });
  });
  it('finds extensions', () => {
    expect(extensionOf('assets/x.WASM')).toBe('wasm');
    expect(extensionOf('data/cockpit.sqlite')).toBe('sqlite');
    expect(extensionOf('linyi/overview')).toBe('');
    expect(extensionOf('a.b/c')).toBe('');
  });
});
