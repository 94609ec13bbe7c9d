import { describe, expect, it } from 'vitest';
import { externalAllowList, externalLinkAllowed, vettedExternalUrl, isAppUrl, isTrustedSender, navigationAllowed, permissionAllowed, windowOpenDecision } from './policy';

const FOREIGN = [
  'https://evil.example/', 'http://127.0.0.1:4173/', 'file:///etc/passwd', 'app://evil/index.html', 'app://cockpit.evil/',
  'app://user@cockpit/', 'app://cockpit:8080/', 'apps://cockpit/', 'javascript:alert(1)', 'data:text/html,<h1>x', 'about:blank',
  'chrome://settings', 'devtools://devtools/bundled/inspector.html', 'blob:app://cockpit/123', 'view-source:app://cockpit/', '', 'not a url',
  'APP://evil/', 'app:cockpit', 'app:///cockpit/',
];

describe('app origin', () => {
  it('allows app://cockpit pages', () => {
    for (const u of ['app://cockpit/', 'app://cockpit/index.html?city=linyi&lang=en', 'app://cockpit/index.html#x']) {
      expect(isAppUrl(u), u).toBe(true);
      expect(navigationAllowed(u), u).toBe(true);
    }
  });
  it.each(FOREIGN)('denies navigation to %s', (u) => {
    expect(navigationAllowed(u)).toBe(false);
  });
});

describe('window.open / external links', () => {
  const allow = externalAllowList(['https://data.linyi.example/api', 'http://insecure.example/x']);
  it('builds the allow list from defaults and https sources', () => {
    expect(allow).toEqual(['*.gov.cn', 'data.linyi.example']);
  });
  it('always denies a new window; opens allow-listed https links externally', () => {
    expect(windowOpenDecision('https://www.stats.gov.cn/sj/', allow)).toEqual({ action: 'deny', openExternal: 'https://www.stats.gov.cn/sj/' });
    expect(windowOpenDecision('https://data.linyi.example/x', allow)).toEqual({ action: 'deny', openExternal: 'https://data.linyi.example/x' });
  });
  it.each([
    'http://www.stats.gov.cn/', 'https://gov.cn.evil.com/', 'https://evilgov.cn/', 'https://gov.cn/', 'https://user:pw@www.stats.gov.cn/',
    'https://www.stats.gov.cn:8443/', 'file:///C:/Windows/system32/calc.exe', 'smb://server/share', 'javascript:alert(1)', 'app://cockpit/',
    'https://insecure.example/x', 'ms-settings:', 'not a url', 'https://www.stats.gov.cn./',
    'https://www.stats.gov.cn/a b', 'https://www.stats.gov.cn/\nx', 'https://www.stats.gov.cn/\tx', ' https://www.stats.gov.cn/', 'https://www.stats.gov.cn/\u2028',
    `https://www.stats.gov.cn/${'a'.repeat(2100)}`, 'HTTPS://evil.example/', 'https://www.stats.gov.cn@evil.example/', 'https://evil.example\\.gov.cn/',
    'https://xn--gov-cn.example/', 'https://stats.gov.cn%2eevil.example/',
  ])('does not open %s externally', (u) => {
    expect(externalLinkAllowed(u, allow)).toBe(false);
    expect(windowOpenDecision(u, allow)).toEqual({ action: 'deny', openExternal: null });
  });
});

describe('vettedExternalUrl', () => {
  const allow = ['*.gov.cn', 'data.linyi.example'];
  it('returns the normalised href, never the raw string', () => {
    expect(vettedExternalUrl('https://WWW.Stats.GOV.cn/sj/?q=<x>"', allow)).toBe('https://www.stats.gov.cn/sj/?q=%3Cx%3E%22');
    expect(vettedExternalUrl('https://data.linyi.example/a/../b#frag', allow)).toBe('https://data.linyi.example/b#frag');
    expect(vettedExternalUrl('https://www.stats.gov.cn:443/', allow)).toBe('https://www.stats.gov.cn/');
  });
});

describe('IPC sender check', () => {
  it('trusts only the top-level app://cockpit frame', () => {
    expect(isTrustedSender({ frameUrl: 'app://cockpit/index.html?city=linyi', isMainFrame: true })).toBe(true);
    expect(isTrustedSender({ frameUrl: 'app://cockpit/index.html', isMainFrame: false })).toBe(false);
    expect(isTrustedSender({ frameUrl: null, isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ frameUrl: undefined, isMainFrame: true })).toBe(false);
    for (const u of FOREIGN) expect(isTrustedSender({ frameUrl: u, isMainFrame: true }), u).toBe(false);
  });
});

describe('permissions', () => {
  it('denies everything but full screen for the cockpit itself', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid', 'serial', 'usb']) {
      expect(permissionAllowed(p, 'app://cockpit/')).toBe(false);
    }
    expect(permissionAllowed('fullscreen', 'app://cockpit/index.html?page=overview')).toBe(true);
    expect(permissionAllowed('fullscreen', 'app://cockpit')).toBe(true);
    expect(permissionAllowed('fullscreen', 'https://evil.example/')).toBe(false);
    expect(permissionAllowed('fullscreen', undefined)).toBe(false);
  });
});
