/** UI strings of the wall components (profile, playlist, kiosk, recovery), zh-CN and en. */
import type { Lang } from '../../../src-core/contract';

const zh = {
  wall: '大屏',
  profile: '大屏规格',
  profileAuto: '自适应窗口',
  profileAutoShort: '自适应',
  profileCustom: '自定义 宽×高（物理像素）',
  profileApply: '应用',
  profileFrom_url: '网址参数',
  profileFrom_launch: '启动参数',
  profileFrom_saved: '本机设置',
  preview: '大屏原始分辨率预览',
  previewHint: '窗口小于大屏：按原始分辨率显示，可滚动查看；未缩放',
  playlist: '轮播',
  playlistEmpty: '页面配置中没有轮播项',
  playlistStart: '开始轮播',
  playlistStartShort: '轮播',
  playlistStop: '停止轮播',
  playlistPaused: '操作中，已暂停',
  playlistResume: '继续',
  playlistNext: '下一项',
  seconds: '秒',
  recovering: '界面出错，正在自动恢复…',
  recoveringDetail: '错误已记录；数秒后自动重新载入本页，无需手动刷新。',
  kioskHint: '大屏模式',
};

const en: Record<keyof typeof zh, string> = {
  wall: 'Wall',
  profile: 'Wall profile',
  profileAuto: 'Fit the window',
  profileAutoShort: 'fit',
  profileCustom: 'Custom W×H (physical px)',
  profileApply: 'Apply',
  profileFrom_url: 'URL parameter',
  profileFrom_launch: 'launch flag',
  profileFrom_saved: 'saved setting',
  preview: 'Wall preview at native resolution',
  previewHint: 'The window is smaller than the wall: shown at native resolution, scroll to see all; not scaled',
  playlist: 'Playlist',
  playlistEmpty: 'The page configuration has no playlist',
  playlistStart: 'Start playlist',
  playlistStartShort: 'Playlist',
  playlistStop: 'Stop playlist',
  playlistPaused: 'Paused while in use',
  playlistResume: 'Resume',
  playlistNext: 'Next',
  seconds: 's',
  recovering: 'The display hit an error and is recovering…',
  recoveringDetail: 'The error was logged; this page reloads itself in a few seconds, no manual refresh needed.',
  kioskHint: 'Wall mode',
};

export type WallStringKey = keyof typeof zh;
export function ws(lang: Lang, key: WallStringKey): string {
  return (lang === 'zh-CN' ? zh : en)[key];
}
