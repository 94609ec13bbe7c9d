import { describe, expect, it } from 'vitest';
import { describeDisplays, orderDisplays, parseDisplayArg, placeWindow, type DisplayInfo } from './displays';

// three 1080p panels of a 3×1 splice, declared out of order; the middle one is primary
const splice: DisplayInfo[] = [
  { id: 30, bounds: { x: 3840, y: 0, width: 1920, height: 1080 }, scaleFactor: 1 },
  { id: 10, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, scaleFactor: 1 },
  { id: 20, bounds: { x: 1920, y: 0, width: 1920, height: 1080 }, scaleFactor: 1 },
];
// a laptop (controller) left of a 4K wall screen at 200 %
const controller: DisplayInfo[] = [
  { id: 1, bounds: { x: 0, y: 0, width: 1440, height: 900 }, scaleFactor: 2 },
  { id: 2, bounds: { x: 1440, y: 0, width: 1920, height: 1080 }, scaleFactor: 2 },
];

describe('display numbering', () => {
  it('numbers displays left to right, then top to bottom', () => {
    expect(orderDisplays(splice).map((d) => d.id)).toEqual([10, 20, 30]);
    expect(describeDisplays(splice, 20)).toBe('1: 1920×1080 px (scale 1) at 0,0; 2: 1920×1080 px (scale 1) at 1920,0 (primary); 3: 1920×1080 px (scale 1) at 3840,0');
  });
  it('parses --display values', () => {
    expect(parseDisplayArg('2')).toEqual({ from: 2, to: 2 });
    expect(parseDisplayArg('1-3')).toEqual({ from: 1, to: 3 });
    expect(parseDisplayArg('0')).toBeNull();
    expect(parseDisplayArg('3-1')).toBeNull();
    expect(parseDisplayArg('left')).toBeNull();
  });
});

describe('placeWindow', () => {
  it('defaults to the primary display, a window centred on it', () => {
    const p = placeWindow(splice, { span: false, kiosk: false }, 20);
    expect(p).toMatchObject({ ok: true, displays: [2], fullscreen: false, frameless: false, bounds: { x: 1920 + 160, y: 90, width: 1600, height: 900 } });
  });
  it('--display N in kiosk: fullscreen on that display', () => {
    const p = placeWindow(splice, { display: { from: 3, to: 3 }, span: false, kiosk: true, profile: { width: 1920, height: 1080 } }, 20);
    expect(p).toEqual({ ok: true, bounds: { x: 3840, y: 0, width: 1920, height: 1080 }, displays: [3], fullscreen: true, frameless: false, notes: [] });
  });
  it('--span covers every display with one frameless window and checks the profile against it', () => {
    const p = placeWindow(splice, { span: true, kiosk: true, profile: { width: 5760, height: 1080 } }, 20);
    expect(p).toMatchObject({ ok: true, bounds: { x: 0, y: 0, width: 5760, height: 1080 }, displays: [1, 2, 3], fullscreen: false, frameless: true });
    if (p.ok) expect(p.notes).toEqual([expect.stringMatching(/frameless window/)]);
  });
  it('--display A-B --span spans a range; a range without --span is an error naming the flag', () => {
    expect(placeWindow(splice, { display: { from: 2, to: 3 }, span: true, kiosk: false }, 20)).toMatchObject({ ok: true, bounds: { x: 1920, y: 0, width: 3840, height: 1080 }, displays: [2, 3] });
    expect(placeWindow(splice, { display: { from: 2, to: 3 }, span: false, kiosk: false }, 20)).toEqual({ ok: false, message: expect.stringMatching(/^--display 2-3: .*needs --span/) });
  });
  it('a display that does not exist is an error listing the displays', () => {
    const p = placeWindow(controller, { display: { from: 3, to: 3 }, span: false, kiosk: true }, 1);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.message).toMatch(/^--display 3: this machine has 2 displays \(1: 2880×1800 px .*2: 3840×2160 px/);
  });
  it('sizes a profile window in the display\'s DIP: 3840×2160 on a 200 % display is 1920×1080 DIP', () => {
    const p = placeWindow(controller, { display: { from: 2, to: 2 }, span: false, kiosk: false, profile: { width: 3840, height: 2160 } }, 1);
    expect(p).toMatchObject({ ok: true, bounds: { x: 1440, y: 0, width: 1920, height: 1080 }, notes: [] });
  });
  it('says when the profile differs from the screen, and when spanned displays mix scaling or leave holes', () => {
    const p = placeWindow(controller, { display: { from: 1, to: 1 }, span: false, kiosk: true, profile: { width: 3840, height: 2160 } }, 1);
    expect(p.ok && p.notes).toEqual([expect.stringMatching(/profile 3840×2160 differs from the screen area 2880×1800 px: .*scrolls/)]);
    const mixed = placeWindow([...controller.slice(0, 1), { id: 2, bounds: { x: 1440, y: 0, width: 1920, height: 1080 }, scaleFactor: 1 }], { span: true, kiosk: false }, 1);
    expect(mixed.ok && mixed.notes.some((n) => /do not form a rectangle/.test(n))).toBe(true);
    expect(mixed.ok && mixed.notes.some((n) => /different scaling/.test(n))).toBe(true);
  });
});
