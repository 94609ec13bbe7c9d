import type { Lang } from '../../../src-core/contract';

export function figureTooltipText(lang: Lang, share: number): string {
  const over = share > 1;
  if (lang === 'zh-CN') return `由两项原文数字相除推算${over ? '；超过100%说明口径不同（如虚拟核与物理核）' : ''}`;
  return `Computed by dividing the two stated figures${over ? '; above 100% means the two are measured differently (e.g. virtual vs physical cores)' : ''}`;
}
