import { describe, expect, it } from 'vitest';
import { accessCookie, accessDeniedPage, checkAccess, cookieValueFor, cookieValues, safeEqual, stripTokenParam, tokenProblem, TOKEN_COOKIE } from './access';

const TOKEN = 'k3y-For_the.wall~0123';
const get = (target: string, headers: Record<string, string> = {}) => checkAccess(TOKEN, { method: 'GET', target, headers });

describe('tokenProblem', () => {
  it('accepts URL-safe tokens of 16..256 characters', () => {
    expect(tokenProblem(TOKEN)).toBeNull();
    expect(tokenProblem('a'.repeat(16))).toBeNull();
    expect(tokenProblem('0123456789abcdef0123456789abcdef')).toBeNull();
  });
  it.each([
    ['short', /at least 16/],
    ['a'.repeat(257), /at most 256/],
    ['with space 1234567890', /only letters/],
    ['semi;colon1234567890', /only letters/],
    ['ümlaut1234567890123', /only letters/],
    ['', /at least 16/],
  ])('refuses %j', (t, re) => {
    expect(tokenProblem(t)).toMatch(re);
  });
});

describe('safeEqual', () => {
  it('compares exactly, whatever the lengths', () => {
    expect(safeEqual(TOKEN, TOKEN)).toBe(true);
    expect(safeEqual(TOKEN, `${TOKEN}x`)).toBe(false);
    expect(safeEqual(TOKEN, TOKEN.slice(0, -1))).toBe(false);
    expect(safeEqual('', TOKEN)).toBe(false);
    expect(safeEqual(TOKEN.toUpperCase(), TOKEN)).toBe(false);
  });
});

describe('checkAccess', () => {
  it('lets everything through when no token is configured', () => {
    expect(checkAccess(null, { method: 'GET', target: '/', headers: {} })).toEqual({ kind: 'allow' });
    expect(checkAccess(null, { method: 'POST', target: '/api/invoke/getAppInfo', headers: {} })).toEqual({ kind: 'allow' });
  });

  it('denies a request without any proof', () => {
    for (const target of ['/', '/index.html', '/assets/x.js', '/data/cockpit.sqlite', '/api/invoke/getAppInfo', '/?city=linyi']) {
      expect(get(target).kind, target).toBe('deny');
    }
    expect(checkAccess(TOKEN, { method: 'POST', target: '/api/invoke/getAppInfo', headers: {} }).kind).toBe('deny');
  });

  it('?token= once: redirect without the token, setting an HttpOnly SameSite=Strict cookie', () => {
    const d = get(`/index.html?city=linyi&token=${TOKEN}&page=overview`);
    expect(d).toEqual({ kind: 'redirect', location: '/index.html?city=linyi&page=overview', setCookie: accessCookie(TOKEN) });
    if (d.kind !== 'redirect') return;
    expect(d.setCookie).toMatch(new RegExp(`^${TOKEN_COOKIE}=[A-Za-z0-9_-]{43}; Path=/; Max-Age=\\d+; HttpOnly; SameSite=Strict$`));
    expect(d.setCookie).not.toContain(TOKEN);
    expect(get(`/?token=${TOKEN}`)).toMatchObject({ kind: 'redirect', location: '/' });
    expect(checkAccess(TOKEN, { method: 'HEAD', target: `/?token=${TOKEN}`, headers: {} }).kind).toBe('redirect');
    // percent-encoded name and value are understood
    expect(get(`/?%74oken=${encodeURIComponent(TOKEN)}`).kind).toBe('redirect');
  });

  it('a wrong or repeated ?token= is denied, even with a good cookie', () => {
    const cookie = `${TOKEN_COOKIE}=${cookieValueFor(TOKEN)}`;
    expect(get('/?token=wrong-token-0123456789').kind).toBe('deny');
    expect(get(`/?token=${TOKEN}x`).kind).toBe('deny');
    expect(get(`/?token=${TOKEN}&token=${TOKEN}`).kind).toBe('deny');
    expect(get('/?token=', { cookie }).kind).toBe('deny');
  });

  it('the cookie grants access; a cookie for another token does not', () => {
    expect(get('/assets/x.js', { cookie: `${TOKEN_COOKIE}=${cookieValueFor(TOKEN)}` })).toEqual({ kind: 'allow' });
    expect(get('/assets/x.js', { cookie: `other=1; ${TOKEN_COOKIE}=stale; ${TOKEN_COOKIE}=${cookieValueFor(TOKEN)}` })).toEqual({ kind: 'allow' });
    const stale = get('/', { cookie: `${TOKEN_COOKIE}=${cookieValueFor('another-token-0123456789')}` });
    expect(stale).toMatchObject({ kind: 'deny', reason: expect.stringMatching(/no longer valid/) });
    // the raw token is not a valid cookie value
    expect(get('/', { cookie: `${TOKEN_COOKIE}=${TOKEN}` }).kind).toBe('deny');
  });

  it('Authorization: Bearer grants access to pages and the API', () => {
    expect(get('/', { authorization: `Bearer ${TOKEN}` })).toEqual({ kind: 'allow' });
    expect(checkAccess(TOKEN, { method: 'POST', target: '/api/invoke/getAppInfo', headers: { authorization: `bearer ${TOKEN}` } })).toEqual({ kind: 'allow' });
    expect(get('/', { authorization: `Bearer ${TOKEN}-` }).kind).toBe('deny');
    expect(get('/', { authorization: `Basic ${Buffer.from(`u:${TOKEN}`).toString('base64')}` }).kind).toBe('deny');
    // a bad header is not rescued by a good cookie
    expect(get('/', { authorization: 'Bearer nope', cookie: `${TOKEN_COOKIE}=${cookieValueFor(TOKEN)}` }).kind).toBe('deny');
  });
});

describe('stripTokenParam', () => {
  it('keeps the rest of the URL and never yields a protocol-relative redirect', () => {
    expect(stripTokenParam('/?token=x')).toBe('/');
    expect(stripTokenParam('/a/b?x=1&token=y&z=2')).toBe('/a/b?x=1&z=2');
    expect(stripTokenParam('/a?tokenx=1&token=2')).toBe('/a?tokenx=1');
    expect(stripTokenParam('//evil.example/?token=x')).toBe('/evil.example/');
    expect(stripTokenParam('/\\evil.example/?token=x')).toBe('/evil.example/');
    expect(stripTokenParam('/\\/\\evil.example?token=x&a=1')).toBe('/evil.example?a=1');
    for (const t of ['//x', '/\\x', '///x?token=1', '/%2f%2fx?token=1']) expect(stripTokenParam(t)).toMatch(/^\/(?![/\\])/);
  });
});

describe('cookieValues / accessDeniedPage', () => {
  it('parses Cookie headers', () => {
    expect(cookieValues('a=1; b=2; a=3', 'a')).toEqual(['1', '3']);
    expect(cookieValues(undefined, 'a')).toEqual([]);
    expect(cookieValues('junk; a', 'a')).toEqual([]);
  });
  it('explains in both languages and escapes the reason', () => {
    const html = accessDeniedPage('<script>x</script>');
    expect(html).toContain('需要访问令牌');
    expect(html).toContain('Access token required');
    expect(html).not.toContain('<script>');
  });
});
