import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  addAnnotation, addStep, allStories, annotationsFor, copyConfigStory, createStory, deleteStory, editAnnotation, emptyBriefingData, moveStep, navigate,
  parseBriefingData, putStory, removeAnnotation, removeStep, renameStory, stepProblem, updateStep, type UserStory,
} from './story';
import { PagesConfig } from '../pages/config';

const cfg = PagesConfig.parse(JSON.parse(readFileSync(new URL('../../src-renderer/pages/pages.json', import.meta.url), 'utf8')));
const T0 = '2026-11-22T08:00:00.000Z';
const T1 = '2026-11-22T09:00:00.000Z';

function story3(): UserStory {
  let s = createStory('u-mine', '我的汇报', T0);
  s = addStep(s, { id: 'a', page: 'overview', city: 'linyi', panel: 'kpis', note: 'A' }, T0);
  s = addStep(s, { id: 'b', page: 'sharing', city: 'jining', note: 'B' }, T0);
  s = addStep(s, { id: 'c', page: 'compute', city: 'xuancheng', panel: 'kpis', note: 'C' }, T0);
  return s;
}
const ids = (s: UserStory) => s.steps.map((x) => x.id).join('');

describe('story steps', () => {
  it('adds at the end or at a position, keeping the order', () => {
    const s = story3();
    expect(ids(s)).toBe('abc');
    expect(ids(addStep(s, { id: 'd', page: 'overview', city: 'linyi', note: '' }, T1, 1))).toBe('adbc');
    expect(ids(addStep(s, { id: 'd', page: 'overview', city: 'linyi', note: '' }, T1, 99))).toBe('abcd');
  });
  it('moves steps up and down and clamps at the ends', () => {
    const s = story3();
    expect(ids(moveStep(s, 2, 0, T1))).toBe('cab');
    expect(ids(moveStep(s, 0, 1, T1))).toBe('bac');
    expect(ids(moveStep(s, 0, 10, T1))).toBe('bca');
    expect(moveStep(s, 1, 1, T1)).toBe(s);
    expect(moveStep(s, 5, 0, T1)).toBe(s);
    expect(moveStep(s, 0, 1, T1).updatedAt).toBe(T1);
  });
  it('removes and updates steps', () => {
    const s = story3();
    expect(ids(removeStep(s, 1, T1))).toBe('ac');
    expect(removeStep(s, 3, T1)).toBe(s);
    const u = updateStep(s, 0, { note: '新备注', panel: 'trend' }, T1);
    expect(u.steps[0]).toMatchObject({ id: 'a', note: '新备注', panel: 'trend' });
    expect(() => updateStep(s, 0, { note: 'x'.repeat(601) }, T1)).toThrow();
    expect(renameStory(s, '  季度汇报 ', T1).title).toBe('季度汇报');
    expect(() => renameStory(s, '   ', T1)).toThrow();
  });
  it('rejects steps that name no page', () => {
    expect(() => addStep(story3(), { id: 'x', page: 'Bad Page', city: 'linyi', note: '' }, T1)).toThrow();
  });
  it('navigates with clamping at both ends', () => {
    expect(navigate(0, 3, 'next')).toBe(1);
    expect(navigate(2, 3, 'next')).toBe(2);
    expect(navigate(0, 3, 'prev')).toBe(0);
    expect(navigate(1, 3, 'last')).toBe(2);
    expect(navigate(2, 3, 'first')).toBe(0);
    expect(navigate(7, 3, 'prev')).toBe(1);
    expect(navigate(0, 0, 'next')).toBe(0);
  });
  it('lists configured stories first, in the chosen language, then the user stories', () => {
    const d = putStory(emptyBriefingData(), story3());
    const zh = allStories(cfg, d, 'zh-CN');
    expect(zh.map((s) => s.id)).toEqual(['four-cities', 'u-mine']);
    expect(zh[0]!.source).toBe('config');
    expect(zh[0]!.steps[0]).toMatchObject({ page: 'overview', city: 'jining', panel: 'kpis' });
    expect(zh[0]!.steps[0]!.note).toContain('济宁');
    expect(allStories(cfg, d, 'en')[0]!.steps[0]!.note).toContain('Jining');
  });
  it('copies a configured story into an editable one', () => {
    const s = copyConfigStory(cfg.stories[0]!, 'u-copy', '副本', 'zh-CN', T0, (i) => `s${i}`);
    expect(s.steps).toHaveLength(cfg.stories[0]!.steps.length);
    expect(s.steps[3]).toMatchObject({ id: 's3', page: 'rectification', city: 'linyi', panel: 'flow' });
  });
  it('says why a step cannot be shown', () => {
    const cities = new Set(['linyi', 'jining']);
    expect(stepProblem({ page: 'overview', city: 'linyi', panel: 'kpis', note: '' }, cfg, cities)).toBeNull();
    expect(stepProblem({ page: 'nope', city: 'linyi', panel: null, note: '' }, cfg, cities)).toMatch(/unknown page "nope"/);
    expect(stepProblem({ page: 'overview', city: 'paris', panel: null, note: '' }, cfg, cities)).toMatch(/unknown city/);
    expect(stepProblem({ page: 'overview', city: 'linyi', panel: 'flow', note: '' }, cfg, cities)).toMatch(/no panel "flow"/);
  });
  it('replaces and deletes stories in the document', () => {
    let d = putStory(emptyBriefingData(), story3());
    d = putStory(d, renameStory(story3(), 'B', T1));
    expect(d.stories).toHaveLength(1);
    expect(d.stories[0]!.title).toBe('B');
    expect(deleteStory(d, 'u-mine').stories).toHaveLength(0);
  });
});

describe('annotations', () => {
  it('adds, edits, removes and lists per page, city and panel in creation order', () => {
    let d = emptyBriefingData();
    d = addAnnotation(d, { id: 'n2', page: 'overview', city: 'linyi', panel: 'kpis', text: '第二条' }, T1);
    d = addAnnotation(d, { id: 'n1', page: 'overview', city: 'linyi', panel: 'trend', text: '第一条' }, T0);
    d = addAnnotation(d, { id: 'n3', page: 'overview', city: 'jining', panel: 'kpis', text: '济宁' }, T0);
    expect(annotationsFor(d, 'overview', 'linyi').map((a) => a.id)).toEqual(['n1', 'n2']);
    expect(annotationsFor(d, 'overview', 'linyi', 'kpis').map((a) => a.id)).toEqual(['n2']);
    d = editAnnotation(d, 'n2', '改过', T1);
    expect(annotationsFor(d, 'overview', 'linyi', 'kpis')[0]!.text).toBe('改过');
    expect(() => editAnnotation(d, 'n2', '  ', T1)).toThrow();
    d = removeAnnotation(d, 'n1');
    expect(annotationsFor(d, 'overview', 'linyi').map((a) => a.id)).toEqual(['n2']);
  });
});

describe('persisted document', () => {
  it('round-trips through JSON', () => {
    let d = putStory(emptyBriefingData(), story3());
    d = addAnnotation(d, { id: 'n1', page: 'overview', city: 'linyi', panel: 'kpis', text: '注意冲突' }, T0);
    const back = parseBriefingData(JSON.parse(JSON.stringify(d)));
    expect(back.problems).toEqual([]);
    expect(back.data).toEqual(d);
  });
  it('keeps the good entries of a damaged document and says where the bad ones were', () => {
    const raw = {
      version: 1,
      stories: [story3(), { id: 'bad id', title: '', steps: [] }],
      annotations: [{ id: 'x', page: 'overview', city: 'linyi', panel: 'kpis', text: '', createdAt: T0, updatedAt: T0 }],
    };
    const { data, problems } = parseBriefingData(raw);
    expect(data.stories.map((s) => s.id)).toEqual(['u-mine']);
    expect(data.annotations).toEqual([]);
    expect(problems.join('\n')).toMatch(/stories\[1\]/);
    expect(problems.join('\n')).toMatch(/annotations\[0\]: text/);
  });
  it('treats nothing stored as empty and garbage as empty with a problem', () => {
    expect(parseBriefingData(null)).toEqual({ data: emptyBriefingData(), problems: [] });
    expect(parseBriefingData('x').problems).toHaveLength(1);
    expect(parseBriefingData({ version: 9, stories: [] }).problems[0]).toMatch(/version 9/);
  });
});
