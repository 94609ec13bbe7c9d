/** The documents behind this city's figures: title, publisher, date (inferred dates marked), how many figures. */
import { z } from 'zod';
import { formatDate } from '../../../src-core/format';
import { useCockpit, useFigures } from '../../app/context';
import { definePanel } from '../types';
import { LoadState } from '../util';

const Options = z.object({});
type Options = z.infer<typeof Options>;

export default definePanel<Options>({
  kind: 'sources',
  options: Options,
  component: function SourcesPanel({ onReady }) {
    const c = useCockpit();
    const state = useFigures({ cityIds: [c.city.id], county: false }, onReady);
    return (
      <LoadState state={state}>
        {(idx) => {
          const counts = new Map<string, { n: number; conflict: number; latest: string }>();
          for (const o of idx.observations) {
            if (!o.docId) continue;
            const s = counts.get(o.docId) ?? { n: 0, conflict: 0, latest: '' };
            s.n++;
            if (o.flags.includes('conflict') || o.flags.includes('garbled')) s.conflict++;
            if (o.asOf > s.latest) s.latest = o.asOf;
            counts.set(o.docId, s);
          }
          const docs = c.catalog.docs.filter((d) => counts.has(d.id)).sort((a, b) => b.published.localeCompare(a.published));
          return (
            <ol className="doc-list">
              {docs.map((d) => {
                const s = counts.get(d.id)!;
                return (
                  <li key={d.id} data-doc={d.id}>
                    <div className="doc-title">《{d.titleZh}》</div>
                    <div className="doc-meta">
                      {d.publisherZh} · {c.t('published')} {formatDate(d.published, c.lang)}
                      {d.publishedInferred && <span className="badge badge-muted">{c.t('dateInferred')}</span>}
                    </div>
                    <div className="doc-meta">
                      {s.n} {c.t('figures')}
                      {s.conflict > 0 && <span className="badge badge-conflict">⚠ {s.conflict}</span>}
                    </div>
                  </li>
                );
              })}
            </ol>
          );
        }}
      </LoadState>
    );
  },
});
