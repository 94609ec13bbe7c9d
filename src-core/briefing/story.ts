/**
 * Briefing stories and annotations: the data model, its persisted form and the edits the UI makes.
 *
 * A story is an ordered list of steps (page + city + highlighted panel + a short presenter note).
 * Stories come from the page configuration (read-only, notes in both languages) or are built in the
 * app (the user's own, one note as typed). Annotations pin a note to a panel of a page for a city.
 * Both user-made kinds persist as one versioned document (see BriefingData); every edit here is a
 * pure function returning a new document, so the renderer's store only loads, replaces and saves.
 */
import { z } from 'zod';
import type { I18nText, PagesConfig, Story } from '../pages/config';

export const BRIEFING_DATA_VERSION = 1;
const Id = z.string().regex(/^[a-z][a-z0-9-]*$/);
export const NOTE_MAX = 600;

/** A step of a story built in the app. */
export const UserStep = z.object({
  id: z.string().min(1).max(64),
  page: Id,
  city: z.string().regex(/^[a-z][a-z0-9_-]*$/),
  panel: Id.optional(),
  note: z.string().max(NOTE_MAX).default(''),
});
export type UserStep = z.infer<typeof UserStep>;

export const UserStory = z.object({
  /** user story ids start with "u-" so they never collide with configured stories */
  id: z.string().regex(/^u-[a-z0-9-]{1,60}$/),
  title: z.string().trim().min(1).max(120),
  steps: z.array(UserStep).max(200),
  updatedAt: z.string(),
});
export type UserStory = z.infer<typeof UserStory>;

/** A note pinned to a panel (optionally to a map location inside it) of a page, for one city. */
export const Annotation = z.object({
  id: z.string().min(1).max(64),
  page: Id,
  city: z.string().regex(/^[a-z][a-z0-9_-]*$/),
  panel: Id,
  /** a map location inside the panel (for map panels that expose one) */
  at: z.object({ lng: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) }).optional(),
  text: z.string().trim().min(1).max(NOTE_MAX),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Annotation = z.infer<typeof Annotation>;

export interface BriefingData {
  version: typeof BRIEFING_DATA_VERSION;
  stories: UserStory[];
  annotations: Annotation[];
}

export const emptyBriefingData = (): BriefingData => ({ version: BRIEFING_DATA_VERSION, stories: [], annotations: [] });

/**
 * Read a persisted document. Entries that fail validation are dropped one by one (and reported with
 * where they were), so one damaged entry never costs the user the rest.
 */
export function parseBriefingData(raw: unknown): { data: BriefingData; problems: string[] } {
  const problems: string[] = [];
  const data = emptyBriefingData();
  if (raw === null || raw === undefined) return { data, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { data, problems: ['briefing data: not an object'] };
  const r = raw as Record<string, unknown>;
  if (r.version !== BRIEFING_DATA_VERSION) problems.push(`briefing data: version ${JSON.stringify(r.version)} (expected ${BRIEFING_DATA_VERSION}); readable entries kept`);
  const take = <T>(list: unknown, schema: z.ZodType<T>, name: string, out: T[]) => {
    if (list === undefined) return;
    if (!Array.isArray(list)) return void problems.push(`${name}: not a list`);
    list.forEach((item, i) => {
      const p = schema.safeParse(item);
      if (p.success) out.push(p.data);
      else problems.push(`${name}[${i}]: ${p.error.issues.map((x) => `${x.path.join('.') || '(entry)'} ${x.message}`).join('; ')}`);
    });
  };
  take(r.stories, UserStory, 'stories', data.stories);
  take(r.annotations, Annotation, 'annotations', data.annotations);
  return { data, problems };
}

// ------------------------------------------------------------------ stories: what the player plays

export interface PlayStep {
  page: string;
  city: string;
  panel: string | null;
  note: string;
}
export interface PlayStory {
  id: string;
  title: string;
  /** configured stories are read-only in the app (copy one to edit it) */
  source: 'config' | 'user';
  steps: PlayStep[];
}

function textOf(t: I18nText | undefined, lang: 'zh-CN' | 'en'): string {
  return t ? t[lang] : '';
}

export function playConfigStory(s: Story, lang: 'zh-CN' | 'en'): PlayStory {
  return { id: s.id, title: s.title[lang], source: 'config', steps: s.steps.map((x) => ({ page: x.page, city: x.city, panel: x.panel ?? null, note: textOf(x.note, lang) })) };
}
export function playUserStory(s: UserStory): PlayStory {
  return { id: s.id, title: s.title, source: 'user', steps: s.steps.map((x) => ({ page: x.page, city: x.city, panel: x.panel ?? null, note: x.note })) };
}

/** Every story the user can play: the configured ones first, then the user's own. */
export function allStories(cfg: PagesConfig, data: BriefingData, lang: 'zh-CN' | 'en'): PlayStory[] {
  return [...cfg.stories.map((s) => playConfigStory(s, lang)), ...data.stories.map(playUserStory)];
}

/**
 * Why a step cannot be shown with the current configuration and data (a page removed from a user's
 * page file, a city not in the database…), or null when it can.
 */
export function stepProblem(step: PlayStep, cfg: PagesConfig, cityIds: ReadonlySet<string>): string | null {
  const page = cfg.pages.find((p) => p.id === step.page);
  if (!page) return `unknown page "${step.page}"`;
  if (!cityIds.has(step.city)) return `unknown city "${step.city}"`;
  if (step.panel && !page.panels.some((p) => p.id === step.panel)) return `page "${step.page}" has no panel "${step.panel}"`;
  return null;
}

/** The step to show after a key press: next/previous clamp at the ends; first/last jump. */
export function navigate(index: number, count: number, move: 'next' | 'prev' | 'first' | 'last'): number {
  if (count <= 0) return 0;
  const i = Math.min(Math.max(0, index), count - 1);
  switch (move) {
    case 'next': return Math.min(i + 1, count - 1);
    case 'prev': return Math.max(i - 1, 0);
    case 'first': return 0;
    case 'last': return count - 1;
  }
}

// ------------------------------------------------------------------ editing the user's stories

function touch(s: UserStory, steps: UserStep[], now: string): UserStory {
  return { ...s, steps, updatedAt: now };
}

export function createStory(id: string, title: string, now: string, steps: UserStep[] = []): UserStory {
  return UserStory.parse({ id, title, steps, updatedAt: now });
}

/** A user copy of a configured story (to reorder or annotate it); notes in the chosen language. */
export function copyConfigStory(s: Story, id: string, title: string, lang: 'zh-CN' | 'en', now: string, stepId: (i: number) => string): UserStory {
  return createStory(id, title, now, s.steps.map((x, i) => ({ id: stepId(i), page: x.page, city: x.city, panel: x.panel, note: textOf(x.note, lang).slice(0, NOTE_MAX) })));
}

/** Insert a step (at the end by default). */
export function addStep(s: UserStory, step: UserStep, now: string, at = s.steps.length): UserStory {
  const steps = [...s.steps];
  steps.splice(Math.min(Math.max(0, at), steps.length), 0, UserStep.parse(step));
  return touch(s, steps, now);
}

/** Move the step at `from` to position `to` (both clamped); a no-op move returns the same story. */
export function moveStep(s: UserStory, from: number, to: number, now: string): UserStory {
  if (from < 0 || from >= s.steps.length) return s;
  const dest = Math.min(Math.max(0, to), s.steps.length - 1);
  if (dest === from) return s;
  const steps = [...s.steps];
  const [x] = steps.splice(from, 1);
  steps.splice(dest, 0, x!);
  return touch(s, steps, now);
}

export function removeStep(s: UserStory, index: number, now: string): UserStory {
  if (index < 0 || index >= s.steps.length) return s;
  return touch(s, s.steps.filter((_, i) => i !== index), now);
}

export function updateStep(s: UserStory, index: number, patch: Partial<Omit<UserStep, 'id'>>, now: string): UserStory {
  if (index < 0 || index >= s.steps.length) return s;
  const steps = s.steps.map((x, i) => (i === index ? UserStep.parse({ ...x, ...patch }) : x));
  return touch(s, steps, now);
}

export function renameStory(s: UserStory, title: string, now: string): UserStory {
  return UserStory.parse({ ...s, title, updatedAt: now });
}

/** Replace (or add) a story in the document. */
export function putStory(d: BriefingData, s: UserStory): BriefingData {
  const i = d.stories.findIndex((x) => x.id === s.id);
  const stories = i < 0 ? [...d.stories, s] : d.stories.map((x) => (x.id === s.id ? s : x));
  return { ...d, stories };
}
export function deleteStory(d: BriefingData, id: string): BriefingData {
  return { ...d, stories: d.stories.filter((x) => x.id !== id) };
}

// ------------------------------------------------------------------ annotations

export function addAnnotation(d: BriefingData, a: Omit<Annotation, 'createdAt' | 'updatedAt'>, now: string): BriefingData {
  const note = Annotation.parse({ ...a, createdAt: now, updatedAt: now });
  return { ...d, annotations: [...d.annotations.filter((x) => x.id !== note.id), note] };
}
export function editAnnotation(d: BriefingData, id: string, text: string, now: string): BriefingData {
  return { ...d, annotations: d.annotations.map((x) => (x.id === id ? Annotation.parse({ ...x, text, updatedAt: now }) : x)) };
}
export function removeAnnotation(d: BriefingData, id: string): BriefingData {
  return { ...d, annotations: d.annotations.filter((x) => x.id !== id) };
}

/** The notes on one page for one city (optionally one panel), oldest first: their order is their number. */
export function annotationsFor(d: BriefingData, page: string, city: string, panel?: string): Annotation[] {
  return d.annotations
    .filter((a) => a.page === page && a.city === city && (panel === undefined || a.panel === panel))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}
