/**
 * Page configuration: pages, their panels and panel options, declared in a versioned JSON file.
 * The structure is validated here; each panel kind's options are validated by the schema its panel
 * folder registers (see src-renderer/panels/registry.ts). Errors name the file and the exact path.
 */
import '../zod-csp';
import { z } from 'zod';

export const PAGES_CONFIG_VERSION = 1;

export const I18nText = z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) });
export type I18nText = z.infer<typeof I18nText>;

/** [column, row, width, height] on the page grid, 0-based. */
export const GridArea = z.tuple([z.number().int().min(0), z.number().int().min(0), z.number().int().min(1), z.number().int().min(1)]);
export type GridArea = z.infer<typeof GridArea>;

export const PanelSpec = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'lower-case id: letters, digits, dashes'),
  kind: z.string().min(1),
  title: I18nText,
  at: GridArea,
  options: z.record(z.string(), z.unknown()).default({}),
});
export type PanelSpec = z.infer<typeof PanelSpec>;

export const PageSpec = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  title: I18nText,
  grid: z.object({ cols: z.number().int().min(1).max(48), rows: z.number().int().min(1).max(48) }),
  panels: z.array(PanelSpec).min(1),
});
export type PageSpec = z.infer<typeof PageSpec>;

/**
 * Red/amber/green rules. The first rule that matches an indicator (by id, else by unit) applies.
 * better=higher: value >= green → green, >= amber → amber, else red. better=lower: the mirror image.
 * `target` (optional) is the bureau's own goal for a count, shown beside the figure and used as green.
 */
export const ThresholdRule = z.object({
  match: z.union([z.object({ indicator: z.string().min(1) }), z.object({ unit: z.string().min(1) })]),
  better: z.enum(['higher', 'lower']).default('higher'),
  green: z.number().optional(),
  amber: z.number().optional(),
  target: z.number().optional(),
  /** false: never colour this indicator (e.g. a population ratio that is not a performance rate) */
  rag: z.boolean().default(true),
  note: z.string().optional(),
});
export type ThresholdRule = z.infer<typeof ThresholdRule>;

/** A wall playlist item: page × city with its dwell time (seconds); `with`: the pages beside it on a wall of several 16:9 tiles. */
export const PlaylistItemSpec = z.object({
  page: z.string().min(1),
  city: z.string().min(1),
  dwell: z.number().min(3).max(3600),
  with: z.array(z.string().min(1)).max(8).optional(),
});

/** A briefing story step: page + city + highlighted panel + a short presenter note. */
export const StoryStep = z.object({
  page: z.string().min(1),
  city: z.string().min(1),
  panel: z.string().optional(),
  note: I18nText.optional(),
});
export const Story = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  title: I18nText,
  steps: z.array(StoryStep).min(1),
});
export type Story = z.infer<typeof Story>;

export const PagesConfig = z.object({
  version: z.literal(PAGES_CONFIG_VERSION),
  thresholds: z.array(ThresholdRule).default([]),
  pages: z.array(PageSpec).min(1),
  playlist: z.array(PlaylistItemSpec).default([]),
  stories: z.array(Story).default([]),
});
export type PagesConfig = z.infer<typeof PagesConfig>;

export class ConfigError extends Error {
  constructor(public readonly file: string, public readonly problems: { path: string; message: string }[]) {
    super(`${file}: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

function pathOf(parts: readonly PropertyKey[]): string {
  let out = '';
  for (const p of parts) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || '(root)';
}

export type OptionSchemas = Record<string, z.ZodType>;

/**
 * Validate a parsed JSON value as a pages configuration. `kinds` maps each registered panel kind to its
 * options schema. Returns the config with options parsed (defaults applied) or throws ConfigError.
 */
export function validatePagesConfig(raw: unknown, file: string, kinds: OptionSchemas): PagesConfig {
  const problems: { path: string; message: string }[] = [];
  const base = PagesConfig.safeParse(raw);
  if (!base.success) {
    for (const i of base.error.issues) problems.push({ path: pathOf(i.path), message: i.message });
    throw new ConfigError(file, problems);
  }
  const cfg = base.data;
  const pageIds = new Set<string>();
  cfg.pages.forEach((page, pi) => {
    if (pageIds.has(page.id)) problems.push({ path: `pages[${pi}].id`, message: `duplicate page id "${page.id}"` });
    pageIds.add(page.id);
    const panelIds = new Set<string>();
    const occupied = new Map<string, string>();
    page.panels.forEach((panel, qi) => {
      const at = `pages[${pi}].panels[${qi}]`;
      if (panelIds.has(panel.id)) problems.push({ path: `${at}.id`, message: `duplicate panel id "${panel.id}"` });
      panelIds.add(panel.id);
      const [c, r, w, h] = panel.at;
      if (c + w > page.grid.cols || r + h > page.grid.rows) {
        problems.push({ path: `${at}.at`, message: `panel [${panel.at.join(',')}] does not fit the ${page.grid.cols}×${page.grid.rows} grid` });
      } else {
        for (let x = c; x < c + w; x++)
          for (let y = r; y < r + h; y++) {
            const other = occupied.get(`${x},${y}`);
            if (other) {
              problems.push({ path: `${at}.at`, message: `overlaps panel "${other}" at cell ${x},${y}` });
              x = c + w;
              break;
            }
            occupied.set(`${x},${y}`, panel.id);
          }
      }
      const schema = kinds[panel.kind];
      if (!schema) {
        problems.push({ path: `${at}.kind`, message: `unknown panel kind "${panel.kind}" (known: ${Object.keys(kinds).sort().join(', ')})` });
        return;
      }
      const opts = schema.safeParse(panel.options);
      if (!opts.success) {
        for (const i of opts.error.issues) problems.push({ path: `${at}.options${i.path.length ? '.' : ''}${pathOf(i.path).replace(/^\(root\)$/, '')}`.replace('.[', '['), message: i.message });
      } else {
        panel.options = opts.data as Record<string, unknown>;
      }
    });
  });
  const pageById = new Map(cfg.pages.map((p) => [p.id, p]));
  cfg.playlist.forEach((item, i) => {
    if (!pageById.has(item.page)) problems.push({ path: `playlist[${i}].page`, message: `unknown page "${item.page}"` });
    item.with?.forEach((w, j) => {
      if (!pageById.has(w)) problems.push({ path: `playlist[${i}].with[${j}]`, message: `unknown page "${w}"` });
    });
  });
  cfg.stories.forEach((story, si) =>
    story.steps.forEach((step, i) => {
      const page = pageById.get(step.page);
      if (!page) problems.push({ path: `stories[${si}].steps[${i}].page`, message: `unknown page "${step.page}"` });
      else if (step.panel && !page.panels.some((p) => p.id === step.panel)) problems.push({ path: `stories[${si}].steps[${i}].panel`, message: `page "${step.page}" has no panel "${step.panel}"` });
    }),
  );
  if (problems.length) throw new ConfigError(file, problems);
  return cfg;
}

/** Parse JSON text and validate; a syntax error is reported with its position. */
export function parsePagesConfig(text: string, file: string, kinds: OptionSchemas): PagesConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(file, [{ path: '(root)', message: `invalid JSON: ${(e as Error).message}` }]);
  }
  return validatePagesConfig(raw, file, kinds);
}
