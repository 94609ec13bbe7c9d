import { describe, expect, it } from 'vitest';
import { confirmsLeave, isLeaveChord, LEAVE_DIALOG } from './kiosk';

describe('leaving kiosk', () => {
  const key = (k: Partial<Parameters<typeof isLeaveChord>[0]>) => ({ type: 'keyDown', key: 'q', control: true, alt: true, shift: true, ...k });
  it('only Ctrl+Alt+Shift+Q on key down', () => {
    expect(isLeaveChord(key({}))).toBe(true);
    expect(isLeaveChord(key({ key: 'Q' }))).toBe(true);
    expect(isLeaveChord(key({ shift: false }))).toBe(false);
    expect(isLeaveChord(key({ alt: false }))).toBe(false);
    expect(isLeaveChord(key({ control: false }))).toBe(false);
    expect(isLeaveChord(key({ key: 'w' }))).toBe(false);
    expect(isLeaveChord(key({ type: 'keyUp' }))).toBe(false);
  });
  it('asks, with Cancel as the default and the answer for Esc', () => {
    expect(LEAVE_DIALOG.buttons[LEAVE_DIALOG.defaultId]).toMatch(/Cancel/);
    expect(LEAVE_DIALOG.cancelId).toBe(LEAVE_DIALOG.defaultId);
    expect(confirmsLeave(0)).toBe(true);
    expect(confirmsLeave(LEAVE_DIALOG.cancelId)).toBe(false);
  });
});
