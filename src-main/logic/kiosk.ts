/**
 * Leaving kiosk (wall) mode: only with Ctrl+Alt+Shift+Q and a confirmation; closing the window any
 * other way (Alt+F4, the window manager) asks the same question instead of silently ending the wall.
 */
export interface KeyInput {
  type: string;
  key: string;
  control: boolean;
  alt: boolean;
  shift: boolean;
  meta?: boolean;
}

export function isLeaveChord(input: KeyInput): boolean {
  return input.type === 'keyDown' && input.control && input.alt && input.shift && input.key.toLowerCase() === 'q';
}

export const LEAVE_DIALOG = {
  type: 'question' as const,
  buttons: ['退出 Quit', '取消 Cancel'],
  defaultId: 1,
  cancelId: 1,
  message: '退出驾驶舱大屏模式？ Leave the cockpit wall mode?',
  detail: '大屏将关闭，直到再次启动。 The wall stays off until the cockpit is started again.',
};

/** The dialog's answer: quit only on an explicit "Quit". */
export const confirmsLeave = (response: number): boolean => response === 0;
